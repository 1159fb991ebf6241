/** 经铱星短数据（SBD）发送：同步页的铱星卡片与消息的"已经铱星发出"（zh-CN）。 */
export const sbdZhCN = {
  sbd: {
    title: '铱星短数据',
    month_one: '本月经铱星发出 {{count}} / {{budget}} 条 · {{size}}',
    month_other: '本月经铱星发出 {{count}} / {{budget}} 条 · {{size}}',
    overBudget: '本月 {{budget}} 条额度已用完：下月之前只有特急项经铱星发送。',
    what: '只有{{priorities}}项经铱星发送，且仅在没有 IP 链路可用时。',
    link: '经 {{link}}',
    noLink: '没有可用的铱星链路',
    lastSent: '最近一条 {{time}}',
    sending: '发送中：{{count}} 项，{{size}}，等待卫星会话',
    awaiting_one: '{{count}} 项已经铱星发出，等待 IP 恢复后中心确认（届时再发一次，中心只保留一份）。',
    awaiting_other: '{{count}} 项已经铱星发出，等待 IP 恢复后中心确认（届时再发一次，中心只保留一份）。',
    held: {
      'no-sbd-link': '{{count}} 项可经铱星发送，但没有可用的铱星链路。',
      'monthly-budget': '{{count}} 项等待 IP：本月铱星额度已用完（特急项仍会发送）。',
      'transceiver-refused': '{{count}} 项等待：收发器拒绝了上一条消息（{{detail}}），10 分钟后重试。',
      'not-ready': '{{count}} 项等待：收发器暂时无法接收消息（{{detail}}），1 分钟后重试。',
    },
    allSent: '待发内容均已经铱星发出；IP 链路恢复后由中心确认。',
    delivery: '已经铱星发出 {{time}} · IP 恢复后由中心确认',
    deliveryTitle: '铱星网关已收下 MO 消息 {{momsn}}；中心经 IP 确认之前该项仍在队列中。',
  },
};
