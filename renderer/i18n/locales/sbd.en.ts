/** Sending by Iridium SBD: the Sync view's Iridium card and the "sent by Iridium" delivery line (en). */
export const sbdEn = {
  sbd: {
    title: 'Iridium SBD',
    month_one: 'Sent by Iridium: {{count}} of {{budget}} messages this month · {{size}}',
    month_other: 'Sent by Iridium: {{count}} of {{budget}} messages this month · {{size}}',
    overBudget: 'Budget of {{budget}} messages used: only flash items go by Iridium until next month.',
    what: 'Only {{priorities}} items go by Iridium, and only while no IP link can carry them.',
    link: 'On {{link}}',
    noLink: 'No Iridium link is up',
    lastSent: 'Last message {{time}}',
    sending: 'On the air: {{count}} item(s), {{size}} — waiting for a satellite session',
    awaiting_one:
      "{{count}} item sent by Iridium waits for the center's confirmation over IP (it is sent again then; the center keeps one copy).",
    awaiting_other:
      "{{count}} items sent by Iridium wait for the center's confirmation over IP (they are sent again then; the center keeps one copy).",
    held: {
      'no-sbd-link': '{{count}} item(s) would go by Iridium, but no Iridium link is up.',
      'monthly-budget': "{{count}} item(s) wait for IP: this month's Iridium budget is used (flash items still go).",
      'transceiver-refused': '{{count}} item(s) wait: the transceiver refused the last message ({{detail}}). Tried again in 10 min.',
      'not-ready': '{{count}} item(s) wait: the transceiver could not take the message ({{detail}}). Tried again in a minute.',
    },
    allSent: 'Everything waiting went by Iridium; the center confirms it when an IP link returns.',
    delivery: 'Sent by Iridium {{time}} · the center confirms it when IP returns',
    deliveryTitle: 'MO message {{momsn}} was taken by the Iridium gateway; the item stays queued until the center confirms it over IP.',
  },
};
