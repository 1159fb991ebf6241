import type { Language } from '../../../../protocol/common';

/**
 * The words of automatic duty-log entries. An entry is a record read later (at the desk,
 * on the printed handover), so it is written once, in the console's language at the time.
 */
type Phrases = {
  linkChanged: (link: string, from: string, to: string, reason: string) => string;
  linkFlapped: (link: string, changes: number, to: string, reason: string) => string;
  /** A link made UP by its probes while its device still says otherwise (e.g. connecting). */
  upByProbes: (deviceWhy: string) => string;
  orderIn: (title: string) => string;
  orderStep: (title: string, step: string, reason: string | null) => string;
  reportSent: (stage: string, number: number) => string;
  reportAcked: (by: string) => string;
  syncTrouble: (minutes: number, code: string) => string;
  syncBack: (minutes: number) => string;
  handover: (outgoing: string, incoming: string) => string;
  videoLive: (link: string | undefined) => string;
  videoEnded: (minutes: number) => string;
  state: Record<string, string>;
  step: Record<string, string>;
  stage: Record<string, string>;
};

const en: Phrases = {
  linkChanged: (link, from, to, reason) => `Link ${link}: ${from} → ${to} (${reason})`,
  linkFlapped: (link, changes, to, reason) => `Link ${link}: ${changes} changes in the last minute, now ${to} (${reason})`,
  upByProbes: (deviceWhy) => `probes answer; the device: ${deviceWhy}`,
  orderIn: (title) => `Order received: ${title}`,
  orderStep: (title, step, reason) => `Order "${title}": ${step}${reason ? ` (${reason})` : ''}`,
  reportSent: (stage, number) => `Report delivered to the center: ${stage}${number > 0 ? ` ${number}` : ''}`,
  reportAcked: (by) => `Report receipted at the center by ${by}`,
  syncTrouble: (minutes, code) => `Center unreachable for ${minutes} min (${code})`,
  syncBack: (minutes) => `Center reachable again after ${minutes} min`,
  handover: (outgoing, incoming) => `Handover signed: ${outgoing} → ${incoming}`,
  videoLive: (link) => `Live video to the center started${link ? ` (over ${link})` : ''}`,
  videoEnded: (minutes) => `Live video to the center ended after ${minutes} min`,
  state: { up: 'up', degraded: 'degraded', down: 'down', unknown: 'unknown' },
  step: { acknowledged: 'acknowledged', 'in-progress': 'in progress', done: 'done', 'cannot-do': 'cannot do' },
  stage: { first: 'first report', followup: 'follow-up', final: 'final report' },
};

const zh: Phrases = {
  linkChanged: (link, from, to, reason) => `链路 ${link}：${from} → ${to}（${reason}）`,
  linkFlapped: (link, changes, to, reason) => `链路 ${link}：近一分钟变化 ${changes} 次，现为${to}（${reason}）`,
  upByProbes: (deviceWhy) => `探测有应答；设备：${deviceWhy}`,
  orderIn: (title) => `收到指令：${title}`,
  orderStep: (title, step, reason) => `指令「${title}」：${step}${reason ? `（${reason}）` : ''}`,
  reportSent: (stage, number) => `报告已送达中心：${stage}${number > 0 ? ` ${number}` : ''}`,
  reportAcked: (by) => `报告已由中心 ${by} 签收`,
  syncTrouble: (minutes, code) => `中心已 ${minutes} 分钟无法连通（${code}）`,
  syncBack: (minutes) => `中心在中断 ${minutes} 分钟后恢复连通`,
  handover: (outgoing, incoming) => `交接班已签字：${outgoing} → ${incoming}`,
  videoLive: (link) => `开始向中心直播视频${link ? `（经 ${link}）` : ''}`,
  videoEnded: (minutes) => `向中心直播视频结束，持续 ${minutes} 分钟`,
  state: { up: '正常', degraded: '降级', down: '中断', unknown: '未知' },
  step: { acknowledged: '已签收', 'in-progress': '落实中', done: '已完成', 'cannot-do': '无法执行' },
  stage: { first: '初报', followup: '续报', final: '终报' },
};

export function dutyPhrases(language: Language): Phrases {
  return language === 'zh-CN' ? zh : en;
}
