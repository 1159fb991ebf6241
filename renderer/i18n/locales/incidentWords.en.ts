/**
 * The incident vocabulary (English): categories and types as the console's Reports and the
 * desk's Incidents both show them — one list, so the crew and the center read the same words.
 */
export const incidentWordsEn = {
  category: {
    natural: 'Natural disaster',
    accident: 'Accident',
    health: 'Public health',
    social: 'Social security',
  },
  type: {
    flood: 'Flood',
    drought: 'Drought',
    weather: 'Severe weather',
    earthquake: 'Earthquake',
    geological: 'Landslide / geological',
    marine: 'Marine',
    biological: 'Biological',
    'forest-fire': 'Forest fire',
    industrial: 'Industrial accident',
    traffic: 'Traffic accident',
    'public-facility': 'Public facility',
    nuclear: 'Nuclear / radiation',
    pollution: 'Pollution',
    epidemic: 'Epidemic',
    'unknown-disease': 'Unknown disease',
    'food-safety': 'Food safety',
    'animal-epidemic': 'Animal epidemic',
    terrorism: 'Terrorist attack',
    'ethnic-religious': 'Ethnic / religious',
    economic: 'Economic security',
    foreign: 'Foreign-related',
    'mass-incident': 'Mass incident',
  },
};
