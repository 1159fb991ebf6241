import type { linkTruthEn } from './linkTruth.en';

/** 链路为何处于当前状态、历史曲线、以及与控制台核心失联时的显示（zh-CN）。 */
export const linkTruthZhCN: typeof linkTruthEn = {
  linkWhy: {
    probesLost_one: '连续丢失 {{count}} 个探测包',
    probesLost_other: '连续丢失 {{count}} 个探测包',
    highLoss: '丢包率高：{{loss}} %',
    highLatency: '时延高：{{latency}} ms',
    recoveringSeconds: '正在恢复：已好转 {{done}} / {{of}} 秒',
    recoveringProbes: '正在恢复：连续成功探测 {{done}} / {{of}} 个',
    probesAnswer: '仍可通信：探测有应答',
    upDespite: '探测有应答；设备：{{why}}',
    otherPath: '探测经其他路由，并非经由本链路',
    otherPathHint: '设备报告本链路中断，但到 {{target}} 的探测仍有应答：探测包经其他路由发出。',
  },
  chart: {
    title: {
      cellular: '信号',
      sbd: '铱星信号格数',
      hf: '接收信号强度',
      gnss: '可用卫星数与定位精度（HDOP）',
      path: '路径：时延与丢包',
    },
    metric: {
      rsrpDbm: 'RSRP',
      rssiDbm: 'RSSI',
      nrRsrpDbm: 'NR RSRP',
      rsrqDb: 'RSRQ',
      sinrDb: 'SINR',
      nrSinrDb: 'NR SINR',
      bars: '信号格数',
      strengthDb: 'S 表读数',
      satellitesUsed: '可用卫星数',
      hdop: 'HDOP',
      latencyMs: '时延',
      jitterMs: '抖动',
      lossPct: '丢包率',
    },
    unit: {
      dBm: 'dBm',
      dB: 'dB',
      dBS9: 'dB（相对 S9）',
      bars: '格（满格 5）',
      sats: '卫星（颗）',
      hdop: 'HDOP',
      ms: 'ms',
      pct: '%',
    },
    time: '时间',
  },
  stale: {
    since: '自 {{time}} 起未更新',
    hint: '自 {{time}} 起与控制台核心失去联系：以下为最后已知数值，恢复联系前不能修改。',
  },
};
