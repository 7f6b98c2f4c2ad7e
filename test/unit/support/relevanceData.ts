// Hand-labelled relevance data (SPEC §7), shared by test/unit/relevance.test.ts and ad-hoc tuning scripts.

/** Lao item (by the start of its text) → its Viet Nam 2020 counterpart(s) ("Sub-theme N item K"). */
export const LAO_PAIRS: Array<{ lao: string; vn: string[] }> = [
  { lao: 'Extend healthcare benefits to all migrant workers', vn: ['Sub-theme 1 item 1'] },
  { lao: 'All relevant sectors to disseminate accessible information', vn: ['Sub-theme 1 item 2'] },
  // A crisis preparedness and response plan: the template split it over two Viet Nam items.
  { lao: 'Draft and develop a gender inclusive crisis preparedness', vn: ['Sub-theme 2 item 7', 'Sub-theme 2 item 9'] },
  { lao: 'Extend social protection/support for migrant workers', vn: ['Sub-theme 2 item 6'] },
  { lao: 'Ensure migrant workers are able to access to social protection schemes on return', vn: ['Sub-theme 2 item 6'] },
  { lao: 'Encourage job retention', vn: ['Sub-theme 1 item 4'] },
  { lao: 'Ensure access to justice and social services', vn: ['Sub-theme 1 item 5'] },
  { lao: 'Reduce remittance costs', vn: ['Sub-theme 1 item 6'] },
  { lao: 'Implement reintegration programmes', vn: ['Sub-theme 1 item 7'] },
  { lao: 'Consider ceasing arrest and detention', vn: ['Sub-theme 1 item 8'] },
  { lao: 'Consider repayment of, or moratorium of', vn: ['Sub-theme 1 item 9'] },
  { lao: 'Increase and improve safe and regular migration channels', vn: ['Sub-theme 1 item 10'] },
  { lao: 'Collect and analyse data', vn: ['Sub-theme 2 item 2'] },
  { lao: 'Ensure workplaces and migrant workers\' housing', vn: ['Sub-theme 2 item 5'] },
  // Health care and social protection coverage: either Viet Nam item says half of it.
  { lao: 'Extend and improve the network on health care', vn: ['Sub-theme 2 item 6', 'Sub-theme 2 item 8'] },
  // Agreements / MOUs on the transfer (portability) of social protection.
  { lao: 'Establish regional cooperation agreements', vn: ['Sub-theme 2 item 6', 'Sub-theme 2 item 9'] },
  // A preparedness plan (items 7, 9) and access to health care in crises (item 8).
  { lao: 'Institute a preparedness plan on emergency', vn: ['Sub-theme 2 item 7', 'Sub-theme 2 item 8', 'Sub-theme 2 item 9'] },
  { lao: 'Strengthen employment opportunities that are compatible with skills', vn: ['Sub-theme 2 item 10'] },
  { lao: 'Ensure access to justice, including cross-border mechanisms', vn: ['Sub-theme 1 item 5'] },
  { lao: 'Strengthen repatriation/reintegration policies', vn: ['Sub-theme 1 item 7'] },
  { lao: 'Encourage private recruitment agencies and governments', vn: ['Sub-theme 1 item 10'] },
];
/** Lao items with no Viet Nam 2020 counterpart (Lao-specific): not scored. */
export const LAO_UNPAIRED = [
  'Support increasing accessibility of health services',
  'Provide health check for returned migrant workers',
  'Consider increasing the identification of victims',
  'Increase monitoring by the competent authorities',
  'Propose destination countries to provide access',
];

/** Hand-written paraphrases in AFML wording → the corpus item(s) they restate (by the start of their text). */
export const PARAPHRASES: Array<{ query: string; expected: string[] }> = [
  { query: 'Lower the cost of sending money home.', expected: ['Reduce costs and increase the availability'] },
  { query: 'Suspend the repayment of loans taken on to migrate.', expected: ['Consider repayment of, or moratorium on'] },
  { query: 'Stop detaining migrant workers and use alternatives to detention.', expected: ['Consider a moratorium on arrests'] },
  { query: 'Conclude social security agreements so that benefits can be transferred between countries.', expected: ['Extend social protection coverage', 'Expanding insurance coverage and social security', 'Support mechanisms that enable portability'] },
  { query: 'Improve occupational safety and health at workplaces and in accommodation provided by employers.', expected: ['Ensure workplaces and employer-provided housing'] },
  { query: 'Improve complaint channels for undocumented migrants.', expected: ['Strengthen grievance resolve channel', 'Strengthening mechanisms to settle workers'] },
  { query: 'Provide pre-departure orientation and training to workers.', expected: ['Prepare for labour migration', 'Support workers before going to work abroad'] },
  { query: 'Help returnees find jobs that use the skills they gained overseas.', expected: ['Develop better systems to match returned', 'Promote skill recognition for return migrant workers'] },
  { query: 'Combat stigma and racism against migrants to build an inclusive society.', expected: ['Tackle xenophobia, discrimination'] },
  { query: 'Give labour unions a bigger role in protecting migrant workers in the region.', expected: ['Revise relevant trade union laws', 'Enhance the role of Trade Union'] },
  { query: 'Conclude a bilateral memorandum of understanding to assist the migrant workers hardest hit by the crisis.', expected: ['Consider to sign bilateral MOU'] },
  { query: 'Involve employers\' and workers\' organisations in policy dialogue at all levels.', expected: ['Foster tripartite-plus social dialogue'] },
  { query: 'Make sure recruitment agencies keep in touch with workers while they are abroad and offer them a way to complain.', expected: ['Enforce effectively the laws and review/revise'] },
  { query: 'Keep statistics on returnees, on workers whose contracts expired and on those stuck abroad.', expected: ['Collect the number of migrant workers with expired contract'] },
];


/**
 * Recommendations in the wording of other AFML documents (regional and national, 2016–2023), each mapped to
 * the corpus item(s) that say the same thing (by the start of their text). Written before tuning; kept as a
 * check that the thesaurus generalises beyond the seeds.
 */
export const AFML_STYLE: Array<{ query: string; expected: string[] }> = [
  { query: 'Facilitate safe, faster and cheaper transfer of remittances.', expected: ['Reduce costs and increase the availability'] },
  { query: 'Promote portability of social security benefits through bilateral and multilateral arrangements.', expected: ['Extend social protection coverage', 'Expanding insurance coverage and social security', 'Support mechanisms that enable portability'] },
  { query: 'Ensure that migrant workers have access to effective complaint mechanisms and legal assistance.', expected: ['Strengthening mechanisms to settle workers', 'Strengthen grievance resolve channel', 'Ensure access to justice and legal remedy', 'Enforce effectively the laws and review/revise'] },
  { query: 'Develop sustainable return and reintegration programmes for returning migrant workers, including skills certification and job placement.', expected: ['Support migrant workers in return and reintegration', 'Develop better systems to match returned', 'Support returned migrant workers', 'Promote skill recognition for return migrant workers'] },
  { query: 'Provide comprehensive pre-departure orientation on rights, working conditions and culture in destination countries.', expected: ['Prepare for labour migration', 'Support workers before going to work abroad'] },
  { query: 'Strengthen the collection, analysis and sharing of sex-disaggregated data on labour migration.', expected: ['Collect comprehensive confidential and secure', 'Develop a database system for migrant workers', 'Improve database management'] },
  { query: 'Release migrants held in immigration detention and adopt alternatives to detention.', expected: ['Consider a moratorium on arrests'] },
  { query: 'Ensure migrant workers can access COVID-19 testing, treatment and vaccines free of charge regardless of status.', expected: ['Extend affordable healthcare benefits'] },
  { query: 'Promote the role of trade unions in organising and protecting migrant workers.', expected: ['Revise relevant trade union laws', 'Enhance the role of Trade Union'] },
  { query: 'Enhance cooperation between countries of origin and destination through bilateral agreements and MOUs.', expected: ['Encourage bilateral and multilateral cooperation', 'Review existing bilateral and multilateral labour cooperation'] },
  { query: 'Ensure decent accommodation and safe working conditions for migrant workers in line with OSH standards.', expected: ['Ensure workplaces and employer-provided housing'] },
  { query: 'Address discrimination and xenophobia against migrant workers through public awareness campaigns.', expected: ['Tackle xenophobia, discrimination'] },
  { query: 'Use digital technology to deliver information and services to migrant workers.', expected: ['Strengthen the tech applications', 'Apply information technology to build', 'Promoting the use of technological tools', 'Reducing barriers to access to social protection'] },
  { query: 'Mainstream gender in labour migration laws and policies.', expected: ['Implement gender mainstreaming'] },
  { query: 'Include migrant workers in national disaster and pandemic response plans.', expected: ['Include migrant workers in the program/plan', 'ASEAN emergency and pandemic preparedness plans', 'Encourage bilateral and multilateral cooperation'] },
  { query: 'Allow migrant workers to renew their work permits and to change employers during the crisis.', expected: ['Encourage job retention'] },
  { query: 'Promote skills development and certification of migrant workers in line with labour market needs.', expected: ['Strengthen job-matching, skills recognition', 'Prepare for labour migration', 'Promote skill recognition for return migrant workers'] },
  { query: 'Hold ASEAN Member States accountable for their commitments under the ASEAN Consensus.', expected: ['Institutionalize a programme within ASEAN'] },
  { query: 'Regulate and monitor private recruitment agencies and sanction those that violate the law.', expected: ['Recognising the crucial role of the government', 'Enforce effectively the laws and review/revise'] },
  { query: 'Conduct research on the impact of the pandemic on migrant workers to inform policy.', expected: ['Conduct an evaluation on the impacts'] },
  { query: 'Provide information to migrant workers in their own language.', expected: ["Increase migrant workers' access to information"] },
  { query: 'Provide financial assistance and preferential loans to disadvantaged workers who wish to work abroad.', expected: ['Reduce administrative procedures, fees and taxes'] },
  { query: 'Promote social dialogue among government, employers and workers on labour migration.', expected: ['Foster tripartite-plus social dialogue'] },
  { query: 'Prepare workers with the right skills for the post-pandemic economic recovery.', expected: ['Gain a thorough understanding of domestic and foreign labour needs', 'Prepare for labour migration'] },
  { query: 'Extend social protection to migrant workers in the informal economy, including undocumented workers.', expected: ['Extend social protection coverage', 'Expanding insurance coverage and social security', 'Support mechanisms that enable portability'] },
];

/**
 * The later national document (Viet Nam, 15th AFML, 2022) read against the three earlier ones (Viet Nam and
 * Lao PDR for the 13th AFML, 2020; the ILO recruitment and reintegration recommendations): each 2022 item →
 * the earlier items that name the same measure (by the start of their text), labelled by reading before any
 * figure was measured on them. Items with no earlier counterpart are listed apart and not scored.
 */
export const LATER_PAIRS: Array<{ query: string; expected: string[] }> = [
  { query: 'Prepare for labour migration', expected: ['Strengthen job-matching, skills recognition', 'Strengthen employment opportunities that are compatible', 'Mainstream monitoring and evaluation of training'] },
  { query: 'Review existing bilateral and multilateral labour cooperation', expected: ['Encourage bilateral and multilateral cooperation', 'Consider to sign bilateral MOU', 'Establish regional cooperation agreements'] },
  { query: 'Gain a thorough understanding of domestic and foreign labour needs', expected: ['Recognize the drivers of change', 'Strengthen job-matching, skills recognition', 'Strengthen employment opportunities that are compatible'] },
  { query: 'Update on regulations on epidemic prevention', expected: ['Disseminate information and awareness raising', 'All relevant sectors to disseminate accessible information'] },
  { query: 'Support workers before going to work abroad', expected: ['Strengthen the tech applications in consulting', 'Disseminate information and awareness raising', 'All relevant sectors to disseminate accessible information'] },
  { query: 'Reducing and Exempting costs for affected workers', expected: ['Support increasing accessibility of health services', 'Encourage job retention'] },
  { query: 'Strengthen communication to build a positive', expected: ['Tackle xenophobia, discrimination', 'Disseminate information and awareness raising'] },
  { query: 'Reduce administrative procedures, fees and taxes', expected: ['Consider repayment of, or moratorium', 'Encourage private recruitment agencies and governments'] },
  { query: 'Strengthening the role of the representative agency', expected: ['Enhance the role of labor management board', 'Increase monitoring by the competent authorities'] },
  { query: 'Expanding insurance coverage and social security', expected: ['Extend social protection coverage to all', 'Extend social protection/support', 'Support mechanisms that enable portability', 'Establish regional cooperation agreements', 'Extend and improve the network on health care'] },
  { query: 'Include migrant workers in the program/plan', expected: ['ASEAN emergency and pandemic preparedness plans', 'Encourage bilateral and multilateral cooperation', 'Draft and develop a gender inclusive crisis', 'Institute a preparedness plan', 'Ensure health care systems are accessible'] },
  { query: 'Reducing barriers to access to social protection', expected: ['Extend social protection coverage to all', 'Extend social protection/support', 'Ensure migrant workers are able to access to social protection', 'Extend and improve the network on health care'] },
  { query: 'Develop a database system for migrant workers', expected: ['Collect comprehensive confidential and secure', 'Collect the number of migrant workers', 'Collect and analyse data', 'Improve database management'] },
  { query: 'Promote skill recognition for return migrant workers', expected: ['Develop better systems to match returned', 'Strengthen job-matching, skills recognition', 'Strengthen employment opportunities that are compatible', 'Implement reintegration programmes'] },
  { query: "Increase migrant workers' access to information", expected: ['Disseminate information and awareness raising', 'All relevant sectors to disseminate accessible information'] },
  { query: 'Strengthen partnerships between agencies', expected: ['Foster tripartite-plus social dialogue', 'Institutionalise, encourage and amplify voice'] },
  { query: 'Research on job security for migrant workers', expected: ['Develop better systems to match returned', 'Conduct an evaluation on the impacts'] },
  { query: "Strengthening mechanisms to settle workers' complaints", expected: ['Strengthen grievance resolve channel', 'Ensure access to justice and social services', 'Recognising the crucial role of the government', 'Enforce effectively the laws', 'Continue increasing and improving safe and regular'] },
  { query: 'Implement gender mainstreaming', expected: ['Recognising the crucial role of the government', 'Recognize the drivers of change'] },
  { query: 'Apply information technology to build a community', expected: ['Strengthen the tech applications in consulting', 'Promoting the use of technological tools', 'Ensure access to justice and legal remedy'] },
];
/** 2022 items with no earlier counterpart: not scored. */
export const LATER_UNPAIRED = ['Sharing international and regional experiences'];
