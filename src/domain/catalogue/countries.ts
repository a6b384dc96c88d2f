/** The 27 EU member states, ISO 3166-1 alpha-2. */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];

/** The EEA (EU plus Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2: where the GDPR applies. */
export const EEA_COUNTRIES: readonly string[] = [...EU_MEMBER_STATES, 'IS', 'LI', 'NO'];
