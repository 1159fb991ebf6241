/**
 * The incident vocabulary (中文): categories and types as the console's Reports and the
 * desk's Incidents both show them — one list, so the crew and the center read the same words.
 */
export const incidentWordsZhCN = {
  category: {
    natural: '自然灾害',
    accident: '事故灾难',
    health: '公共卫生事件',
    social: '社会安全事件',
  },
  type: {
    flood: '洪涝',
    drought: '干旱',
    weather: '气象灾害',
    earthquake: '地震',
    geological: '地质灾害',
    marine: '海洋灾害',
    biological: '生物灾害',
    'forest-fire': '森林草原火灾',
    industrial: '工矿商贸安全事故',
    traffic: '交通运输事故',
    'public-facility': '公共设施和设备事故',
    nuclear: '核与辐射事故',
    pollution: '环境污染和生态破坏',
    epidemic: '传染病疫情',
    'unknown-disease': '群体性不明原因疾病',
    'food-safety': '食品安全',
    'animal-epidemic': '动物疫情',
    terrorism: '恐怖袭击事件',
    'ethnic-religious': '民族宗教事件',
    economic: '经济安全事件',
    foreign: '涉外突发事件',
    'mass-incident': '群体性事件',
  },
};
