/**
 * The desk's Iridium texts (en), merged under `desk`: the "by Iridium" badge on what a
 * vehicle sent, and the Iridium panel of the vehicle page (MO sessions, MT messages with the
 * gateway's answer translated by its status code). zh-CN has the same shape (compiler-checked).
 */
export const deskIridiumEn = {
  via: {
    badge: 'by Iridium',
    sbd: 'Came by Iridium SBD (no IP link could carry it): MOMSN {{momsn}}, session at {{time}} (gateway clock).',
    otherIp: 'The same item came again over IP at {{time}}; the center kept one copy.',
  },
  iridium: {
    title: 'Iridium SBD',
    imei: 'Modem IMEI',
    noImei:
      'No Iridium modem is mapped to this vehicle, so the center cannot take its SBD messages and sends it nothing by SBD. Map the modem on the center:',
    noImeiCommand: 'center -- vehicles set {{id}} --imei <15 digits>',
    nothingYet:
      'Nothing has gone either way by Iridium yet: the vehicle uses SBD only for flash and immediate items when no IP link can carry them, and the center sends MT only to a vehicle with no IP link.',
    mo: {
      title: 'Received (MO sessions)',
      none: 'No MO session received yet: the vehicle has had an IP link for everything so far.',
      time: 'Session time',
      momsn: 'MOMSN',
      items: 'Items',
      status: 'Result',
      held: '{{held}} of {{items}} held',
      heldFewer: '{{held}} of {{items}} held (the rest refused; see the center log)',
      noPayload: 'no payload',
      received: 'received {{time}}',
    },
    moStatus: {
      '0': 'Completed',
      '1': 'Completed; the queued MT message was too large for this session',
      '2': 'Completed; the location was of poor quality',
      '10': 'Timed out before completion',
      '12': 'MO message too large for one session',
      '13': 'Radio link lost during the session',
      '14': 'Modem protocol anomaly',
      '15': 'IMEI barred from the gateway',
      unknown: 'Session status {{status}}',
    },
    mt: {
      title: 'Sent (MT messages)',
      none: 'No MT message sent yet: every order and message reached the vehicle over IP.',
      time: 'Sent',
      size: 'Payload',
      answer: 'Gateway answer',
      sizeText_one: '{{count}} item · {{bytes}} B',
      sizeText_other: '{{count}} items · {{bytes}} B',
      sending: 'Sent to the gateway, no answer yet',
      queued: 'Queued at the Iridium gateway, position {{position}}',
      failed: 'The gateway did not confirm it (no connection or no answer); it may go again after 5 minutes',
      refused: {
        'invalid-imei': 'Refused: the IMEI is not valid',
        'unknown-imei': 'Refused: IMEI unknown to the gateway (not provisioned)',
        'payload-too-large': 'Refused: larger than 270 bytes',
        'payload-missing': 'Refused: no payload',
        'queue-full': 'Refused: the modem’s MT queue at the gateway is full (50); it may go again after 5 minutes',
        'resources-unavailable': 'Refused: gateway resources unavailable; it may go again after 5 minutes',
        'protocol-violation': 'Refused: DirectIP protocol violation',
        'ring-alerts-disabled': 'Refused: ring alerts are off for this IMEI',
        'imei-not-attached': 'Refused: the IMEI is not attached for ring alerts',
        'source-rejected': 'Refused: the center’s address is not allowed by the gateway’s MT filter',
        'mtmsn-out-of-range': 'Refused: MTMSN out of range',
        'certificate-rejected': 'Refused: the client certificate was rejected',
        unknown: 'Refused with status {{status}}',
      },
    },
  },
};

export type DeskIridiumTexts = typeof deskIridiumEn;
