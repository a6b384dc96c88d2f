import type { Applicability, Counting, Obligation, Period, RegimeInfo, Trigger } from './types';

const CHECKED_ON = '2026-12-05';

// Most state statutes use this wording (or a close variant quoted per entry) where they set no number of days.
const EXPEDIENT = 'in the most expedient time possible and without unreasonable delay';
const WITHOUT_DELAY = 'without unreasonable delay';

const RESIDENT_NOTICE = ['notice of the breach in a form the statute allows (written, electronic where permitted, or substitute notice)'] as const;
const CRA_CONTENT = ['timing, distribution and content of the notices sent to residents'] as const;
const UNCONFIRMED = 'not confirmed from the primary text in this review';

/** One state or territory: its regime, the zone its day-based clocks count in (the capital's), and where its statute can be read. */
interface StateLaw extends RegimeInfo {
  readonly zone: string;
  readonly url: string;
}

const law = (id: string, name: string, place: string, zone: string, url: string): StateLaw => ({
  id,
  name,
  jurisdiction: `${place} (US)`,
  zone,
  url,
});

const AL = law('US-AL', 'Alabama Data Breach Notification Act of 2018, Ala. Code 8-38-1 to 8-38-12', 'Alabama', 'America/Chicago', 'https://alison.legislature.state.al.us/code-of-alabama');
// Alaska keeps one zone statewide but the Aleutians west of 169°30′ W; Juneau's America/Juneau has Anchorage's offsets.
const AK = law('US-AK', 'Alaska Personal Information Protection Act, Alaska Stat. 45.48.010–45.48.090', 'Alaska', 'America/Anchorage', 'https://www.akleg.gov/basis/statutes.asp#45.48.010');
// Arizona keeps standard time all year (the Navajo Nation aside).
const AZ = law('US-AZ', 'Ariz. Rev. Stat. 18-551 and 18-552', 'Arizona', 'America/Phoenix', 'https://www.azleg.gov/ars/18/00552.htm');
const AR = law('US-AR', 'Arkansas Personal Information Protection Act, Ark. Code 4-110-101 to 4-110-108', 'Arkansas', 'America/Chicago', 'https://arkansasag.gov/resources/contact-us/data-breach-reporting/');
const CA = law('US-CA', 'California Civil Code 1798.82', 'California', 'America/Los_Angeles', 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82');
const CO = law('US-CO', 'Colo. Rev. Stat. 6-1-716', 'Colorado', 'America/Denver', 'https://leg.colorado.gov/colorado-revised-statutes');
const CT = law('US-CT', 'Conn. Gen. Stat. 36a-701b', 'Connecticut', 'America/New_York', 'https://www.cga.ct.gov/current/pub/chap_669.htm#sec_36a-701b');
const DE = law('US-DE', '6 Del. C. 12B-101 to 12B-104', 'Delaware', 'America/New_York', 'https://delcode.delaware.gov/title6/c012b/index.html');
const DC = law('US-DC', 'D.C. Code 28-3851 to 28-3853', 'District of Columbia', 'America/New_York', 'https://code.dccouncil.gov/us/dc/council/code/sections/28-3852');
// Tallahassee keeps Eastern time (the western Panhandle is Central).
const FL = law('US-FL', 'Florida Information Protection Act, Fla. Stat. 501.171', 'Florida', 'America/New_York', 'https://www.leg.state.fl.us/statutes/index.cfm?App_mode=Display_Statute&URL=0500-0599/0501/Sections/0501.171.html');
const GA = law('US-GA', 'O.C.G.A. 10-1-910 to 10-1-912', 'Georgia', 'America/New_York', 'https://law.justia.com/codes/georgia/');
const HI = law('US-HI', 'Haw. Rev. Stat. 487N-1 to 487N-7', 'Hawaii', 'Pacific/Honolulu', 'https://www.capitol.hawaii.gov/hrscurrent/Vol11_Ch0476-0490/HRS0487N/HRS_0487N-0002.htm');
// Boise keeps Mountain time (the northern panhandle is Pacific).
const ID = law('US-ID', 'Idaho Code 28-51-104 to 28-51-107', 'Idaho', 'America/Boise', 'https://legislature.idaho.gov/statutesrules/idstat/title28/t28ch51/sect28-51-105/');
const IL = law('US-IL', 'Illinois Personal Information Protection Act, 815 ILCS 530', 'Illinois', 'America/Chicago', 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2702&ChapterID=67');
// Indianapolis keeps Eastern time (north-west and south-west counties are Central).
const IN = law('US-IN', 'Ind. Code 24-4.9', 'Indiana', 'America/Indiana/Indianapolis', 'https://iga.in.gov/');
const IA = law('US-IA', 'Iowa Code 715C', 'Iowa', 'America/Chicago', 'https://www.legis.iowa.gov/docs/code/715C.2.pdf');
// Topeka keeps Central time (four western counties are Mountain).
const KS = law('US-KS', 'Kan. Stat. 50-7a01 and 50-7a02', 'Kansas', 'America/Chicago', 'https://www.ksrevisor.org/statutes/chapters/ch50/050_007a_0002.html');
// Frankfort keeps Eastern time (the western half is Central).
const KY = law('US-KY', 'Ky. Rev. Stat. 365.732', 'Kentucky', 'America/New_York', 'https://apps.legislature.ky.gov/law/statutes/');
const LA = law('US-LA', 'Louisiana Database Security Breach Notification Law, La. R.S. 51:3071–3077; La. Admin. Code tit. 16, pt. III, § 701', 'Louisiana', 'America/Chicago', 'https://legis.la.gov/Legis/Law.aspx?d=322030');
const ME = law('US-ME', '10 M.R.S. 1346–1350-B', 'Maine', 'America/New_York', 'https://legislature.maine.gov/statutes/10/title10sec1348.html');
const MD = law('US-MD', 'Maryland Personal Information Protection Act, Md. Code Com. Law 14-3501 to 14-3508', 'Maryland', 'America/New_York', 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=gcl&section=14-3504&enactments=false');
const MA = law('US-MA', 'Mass. Gen. Laws ch. 93H', 'Massachusetts', 'America/New_York', 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXV/Chapter93H/Section3');
// Lansing keeps Eastern time (four western Upper Peninsula counties are Central).
const MI = law('US-MI', 'Identity Theft Protection Act, MCL 445.72', 'Michigan', 'America/Detroit', 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-445-72');
const MN = law('US-MN', 'Minn. Stat. 325E.61', 'Minnesota', 'America/Chicago', 'https://www.revisor.mn.gov/statutes/cite/325E.61');
const MS = law('US-MS', 'Miss. Code 75-24-29', 'Mississippi', 'America/Chicago', 'https://law.justia.com/codes/mississippi/');
const MO = law('US-MO', 'Mo. Rev. Stat. 407.1500', 'Missouri', 'America/Chicago', 'https://revisor.mo.gov/main/OneSection.aspx?section=407.1500');
const MT = law('US-MT', 'Mont. Code 30-14-1704', 'Montana', 'America/Denver', 'https://leg.mt.gov/bills/mca/title_0300/chapter_0140/part_0170/section_0040/0300-0140-0170-0040.html');
// Lincoln keeps Central time (the western panhandle is Mountain).
const NE = law('US-NE', 'Neb. Rev. Stat. 87-801 to 87-808', 'Nebraska', 'America/Chicago', 'https://nebraskalegislature.gov/laws/statutes.php?statute=87-803');
// Carson City keeps Pacific time (West Wendover is Mountain).
const NV = law('US-NV', 'Nev. Rev. Stat. 603A.010–603A.290', 'Nevada', 'America/Los_Angeles', 'https://www.leg.state.nv.us/NRS/NRS-603A.html');
const NH = law('US-NH', 'N.H. Rev. Stat. 359-C:19 to 359-C:21', 'New Hampshire', 'America/New_York', 'https://www.gencourt.state.nh.us/rsa/html/XXXI/359-C/359-C-20.htm');
const NJ = law('US-NJ', 'N.J. Stat. 56:8-161 to 56:8-166', 'New Jersey', 'America/New_York', 'https://lis.njleg.state.nj.us/');
const NM = law('US-NM', 'Data Breach Notification Act, N.M. Stat. 57-12C-1 to 57-12C-12', 'New Mexico', 'America/Denver', 'https://nmonesource.com/nmos/nmsa/en/nav.do');
const NY = law('US-NY', 'N.Y. Gen. Bus. Law 899-aa', 'New York', 'America/New_York', 'https://www.nysenate.gov/legislation/laws/GBS/899-AA');
const NC = law('US-NC', 'N.C. Gen. Stat. 75-61 and 75-65', 'North Carolina', 'America/New_York', 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_75/GS_75-65.html');
// Bismarck keeps Central time (the south-west is Mountain).
const ND = law('US-ND', 'N.D. Cent. Code 51-30', 'North Dakota', 'America/Chicago', 'https://www.ndlegis.gov/cencode/t51c30.pdf');
const OH = law('US-OH', 'Ohio Rev. Code 1349.19', 'Ohio', 'America/New_York', 'https://codes.ohio.gov/ohio-revised-code/section-1349.19');
const OK = law('US-OK', 'Security Breach Notification Act, 24 Okla. Stat. 161–166', 'Oklahoma', 'America/Chicago', 'https://www.oscn.net/');
// Salem keeps Pacific time (most of Malheur County is Mountain).
const OR = law('US-OR', 'Oregon Consumer Information Protection Act, ORS 646A.600–646A.628', 'Oregon', 'America/Los_Angeles', 'https://www.oregonlegislature.gov/bills_laws/ors/ors646A.html');
const PA = law('US-PA', 'Breach of Personal Information Notification Act, 73 P.S. 2301–2330', 'Pennsylvania', 'America/New_York', 'https://www.legis.state.pa.us/cfdocs/legis/LI/uconsCheck.cfm?txtType=HTM&yr=2005&sessInd=0&smthLwInd=0&act=94');
const RI = law('US-RI', 'Rhode Island Identity Theft Protection Act, R.I. Gen. Laws 11-49.3', 'Rhode Island', 'America/New_York', 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-49.3/11-49.3-4.htm');
const SC = law('US-SC', 'S.C. Code 39-1-90', 'South Carolina', 'America/New_York', 'https://www.scstatehouse.gov/code/t39c001.php');
// Pierre keeps Central time (the western half is Mountain).
const SD = law('US-SD', 'S.D. Codified Laws 22-40-19 to 22-40-26', 'South Dakota', 'America/Chicago', 'https://sdlegislature.gov/Statutes/22-40-20');
// Nashville keeps Central time (East Tennessee is Eastern).
const TN = law('US-TN', 'Tenn. Code 47-18-2107', 'Tennessee', 'America/Chicago', 'https://law.justia.com/codes/tennessee/');
// Austin keeps Central time (El Paso and Hudspeth counties are Mountain).
const TX = law('US-TX', 'Texas Business and Commerce Code 521.053', 'Texas', 'America/Chicago', 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm');
const UT = law('US-UT', 'Utah Protection of Personal Information Act, Utah Code 13-44', 'Utah', 'America/Denver', 'https://le.utah.gov/xcode/Title13/Chapter44/13-44-S202.html');
const VT = law('US-VT', 'Security Breach Notice Act, 9 V.S.A. 2435', 'Vermont', 'America/New_York', 'https://legislature.vermont.gov/statutes/section/09/062/02435');
const VA = law('US-VA', 'Va. Code 18.2-186.6', 'Virginia', 'America/New_York', 'https://law.lis.virginia.gov/vacode/title18.2/chapter6/section18.2-186.6/');
const WA = law('US-WA', 'Rev. Code Wash. 19.255.010', 'Washington', 'America/Los_Angeles', 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010');
const WV = law('US-WV', 'W. Va. Code 46A-2A-101 to 46A-2A-105', 'West Virginia', 'America/New_York', 'https://code.wvlegislature.gov/46A-2A-102/');
const WI = law('US-WI', 'Wis. Stat. 134.98', 'Wisconsin', 'America/Chicago', 'https://docs.legis.wisconsin.gov/statutes/statutes/134/98');
const WY = law('US-WY', 'Wyo. Stat. 40-12-501 and 40-12-502', 'Wyoming', 'America/Denver', 'https://wyoleg.gov/statutes/compress/title40.pdf');
// Puerto Rico keeps Atlantic standard time all year.
const PR = law('US-PR', 'Citizen Information on Data Banks Security Act (Law 111-2005), 10 L.P.R.A. 4051–4055', 'Puerto Rico', 'America/Puerto_Rico', 'https://casetext.com/statute/laws-of-puerto-rico/title-ten-commerce/subtitle-3-business-regulations-generally/chapter-310-citizen-information-on-data-banks-security-act/4052-notification');
const GU = law('US-GU', 'Notification of Breaches of Personal Information, 9 G.C.A. 48.10–48.80', 'Guam', 'Pacific/Guam', 'https://www.guamcourts.org/CompilerofLaws/GCA/09gca/9gc048.pdf');
// The Virgin Islands keep Atlantic standard time all year.
const VI = law('US-VI', 'Identity Theft Prevention Act, 14 V.I.C. 2208–2212', 'U.S. Virgin Islands', 'America/St_Thomas', 'https://law.justia.com/codes/virgin-islands/');

const STATES: readonly StateLaw[] = [
  AL, AK, AZ, AR, CA, CO, CT, DE, DC, FL, GA, HI, ID, IL, IN, IA, KS, KY, LA, ME, MD, MA, MI, MN, MS, MO, MT, NE, NV, NH, NJ,
  NM, NY, NC, ND, OH, OK, OR, PA, RI, SC, SD, TN, TX, UT, VT, VA, WA, WV, WI, WY, PR, GU, VI,
];

/** The breach-notification laws of the 50 states, DC, Puerto Rico, Guam and the US Virgin Islands, one regime each (id: ISO 3166-2). */
export const US_STATE_REGIMES: readonly RegimeInfo[] = STATES.map(({ id, name, jurisdiction }) => ({ id, name, jurisdiction }));

/** What an entry takes beyond the state's own regime, zone, address and check date. */
interface Entry {
  readonly obligation: string;
  readonly trigger: Trigger;
  readonly deadline: Period;
  readonly recipient: string;
  readonly requiredContent: readonly string[];
  readonly source: string;
  /** Residents of the state, counted in it, from which the duty applies. */
  readonly minAffected?: number;
  readonly counting?: Counting;
  readonly sourceUrl?: string;
  readonly inForceFrom?: string;
  readonly verifyNote?: string;
  readonly notes?: readonly string[];
}

function entry(state: StateLaw, e: Entry): Obligation {
  const appliesWhen: Applicability = {
    countries: ['US'],
    subdivisions: [state.id],
    ...(e.minAffected === undefined ? {} : { minAffected: e.minAffected }),
  };
  return {
    regime: state.id,
    obligation: e.obligation,
    trigger: e.trigger,
    deadline: e.deadline,
    counting: e.counting ?? { zone: state.zone },
    recipient: e.recipient,
    requiredContent: e.requiredContent,
    source: e.source,
    sourceUrl: e.sourceUrl ?? state.url,
    checkedOn: CHECKED_ON,
    ...(e.inForceFrom === undefined ? {} : { inForceFrom: e.inForceFrom }),
    ...(e.verifyNote === undefined ? {} : { verify: true as const, verifyNote: e.verifyNote }),
    appliesWhen,
    ...(e.notes === undefined ? {} : { notes: e.notes }),
  };
}

type Spec = Omit<Entry, 'obligation' | 'recipient' | 'requiredContent'> & Partial<Pick<Entry, 'recipient' | 'requiredContent'>>;

// A residents' notice the statute gives no fixed period still gets a clock, showing the organisation's own target.
const withTarget = (deadline: Period): Period => (deadline.amount === undefined ? { ...deadline, target: 'organisation' } : deadline);

const residents = (state: StateLaw, s: Spec): Obligation =>
  entry(state, {
    obligation: 'notify-residents',
    recipient: `affected ${state.jurisdiction.replace(' (US)', '')} residents`,
    requiredContent: RESIDENT_NOTICE,
    ...s,
    deadline: withTarget(s.deadline),
  });

const attorneyGeneral = (state: StateLaw, s: Spec): Obligation =>
  entry(state, {
    obligation: 'notify-attorney-general',
    recipient: `${state.jurisdiction.replace(' (US)', '')} Attorney General`,
    requiredContent: ['the facts of the breach and the number of residents affected', 'a copy of the notice sent to residents'],
    ...s,
  });

const regulator = (state: StateLaw, s: Spec & { recipient: string }): Obligation =>
  entry(state, {
    obligation: 'notify-regulator',
    requiredContent: ['the facts of the breach and the number of residents affected'],
    ...s,
  });

const reportingAgencies = (state: StateLaw, s: Omit<Spec, 'trigger' | 'deadline'> & Partial<Pick<Spec, 'trigger' | 'deadline'>>): Obligation =>
  entry(state, {
    obligation: 'notify-consumer-reporting-agencies',
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    recipient: 'nationwide consumer reporting agencies (Equifax, Experian, TransUnion)',
    requiredContent: CRA_CONTENT,
    ...s,
  });

const days = (amount: number, standard?: string): Period =>
  standard === undefined ? { amount, unit: 'calendar-days' } : { amount, unit: 'calendar-days', standard };

/** Every notice duty of the state and territory breach laws: residents, Attorney General or regulator, consumer reporting agencies. */
export const US_STATE_OBLIGATIONS: readonly Obligation[] = [
  residents(AL, {
    // Ala. Code 8-38-5(b): 45 days from the entity's determination (or a third-party agent's notice) that a breach likely to cause substantial harm occurred.
    trigger: 'breach-determination',
    deadline: days(45, 'as expeditiously as possible and without unreasonable delay, and within 45 days'),
    requiredContent: [
      'estimated date or date range of the breach',
      'description of the sensitive personally identifying information acquired',
      'actions taken to restore security and confidentiality',
      'steps individuals can take to protect themselves',
      'contact information of the covered entity',
    ],
    source: 'Ala. Code 8-38-5',
    notes: ['The clock also starts on receipt of a third-party agent’s notice of the breach.'],
  }),
  attorneyGeneral(AL, {
    trigger: 'breach-determination',
    deadline: days(45, 'as expeditiously as possible and without unreasonable delay, and within 45 days'),
    source: 'Ala. Code 8-38-6',
    minAffected: 1001,
    requiredContent: ['synopsis of the events', 'approximate number of Alabama residents affected', 'services offered to individuals', 'contact information'],
    verifyNote: 'that 8-38-6 (not 8-38-5) is the Attorney General section and its content list was not confirmed from the primary text',
  }),
  reportingAgencies(AL, {
    source: 'Ala. Code 8-38-7',
    minAffected: 1001,
    verifyNote: 'the section number (8-38-7) and the more-than-1,000 threshold were not confirmed from the primary text',
  }),

  residents(AK, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expeditious time possible and without unreasonable delay' },
    source: 'Alaska Stat. 45.48.010(b)',
    verifyNote: `the wording of the standard was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(AK, {
    trigger: 'discovery',
    deadline: { standard: 'in writing, when the entity determines after investigation that there is no reasonable likelihood of harm and so gives no notice' },
    requiredContent: ['the written determination that notice to residents is not required'],
    source: 'Alaska Stat. 45.48.010(c)',
    verifyNote: `that the Attorney General is told only of a no-notice determination was ${UNCONFIRMED}`,
    notes: ['Applies in place of the residents’ notice, not with it.'],
  }),
  reportingAgencies(AK, {
    source: 'Alaska Stat. 45.48.040',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(AZ, {
    trigger: 'breach-determination',
    deadline: days(45),
    source: 'Ariz. Rev. Stat. 18-552(B)',
    verifyNote: `the 45 days after the determination of the breach were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(AZ, {
    trigger: 'breach-determination',
    deadline: days(45),
    source: 'Ariz. Rev. Stat. 18-552(B)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold and the 45 days after the determination were ${UNCONFIRMED}`,
  }),
  reportingAgencies(AZ, {
    trigger: 'breach-determination',
    source: 'Ariz. Rev. Stat. 18-552(B)',
    minAffected: 1001,
    verifyNote: 'whether the three largest consumer reporting agencies must also be told within the 45 days (then a fixed period) was not confirmed; kept open',
  }),

  residents(AR, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expedient time and manner possible and without unreasonable delay' },
    source: 'Ark. Code 4-110-105(a)',
    verifyNote: 'the statute’s text was read only through compendia; whether 4-110-105 also requires notice to consumer reporting agencies (one compendium says above 1,000) is not confirmed, so no such entry is made',
  }),
  attorneyGeneral(AR, {
    // Ark. Code 4-110-105(d) (Act 1030 of 2019): at the same time as the residents' notice or within 45 days of the
    // determination of a reasonable likelihood of harm, whichever is first; the engine times the 45 days.
    trigger: 'breach-determination',
    deadline: days(45, 'at the same time the breach is disclosed to residents or within 45 days after determining a reasonable likelihood of harm, whichever is first'),
    source: 'Ark. Code 4-110-105(d)',
    minAffected: 1001,
    verifyNote: 'confirmed from compendia only (Act 1030 of 2019): check the subsection letter and that the 45 days run from the harm determination',
  }),

  residents(CA, {
    trigger: 'discovery',
    deadline: days(30, 'in the most expedient time possible and without unreasonable delay, and within 30 calendar days of discovery or notification of the breach'),
    requiredContent: [
      'title: "Notice of Data Breach"',
      'heading "What Happened"',
      'heading "What Information Was Involved"',
      'heading "What We Are Doing"',
      'heading "What You Can Do"',
      'heading "For More Information"',
      'plain language, in at least 10-point type',
    ],
    source: 'Cal. Civ. Code 1798.82(a), (d) (as amended by SB 446 (2025), from 2026-01-01)',
    notes: [
      'The 30 days bind breaches discovered on or after 2026-01-01; earlier ones owe notice in the most expedient time possible and without unreasonable delay.',
      'Delay is allowed for a law-enforcement request or as necessary to determine the scope of the breach and restore the system (1798.82(a)(2), (c)).',
    ],
  }),
  attorneyGeneral(CA, {
    // Cal. Civ. Code 1798.82(f) as amended by SB 446: within 15 calendar days of notifying the residents.
    trigger: { after: 'notify-residents' },
    deadline: days(15, 'within 15 calendar days of notifying affected consumers'),
    requiredContent: ['a single sample copy of the "Notice of Data Breach" sent to residents, excluding personal information, submitted electronically'],
    source: 'Cal. Civ. Code 1798.82(f) (as amended by SB 446 (2025))',
    minAffected: 501,
  }),

  residents(CO, {
    // C.R.S. 6-1-716(2)(a): counted from the determination that a security breach occurred.
    trigger: 'breach-determination',
    deadline: days(30, 'in the most expedient time possible and without unreasonable delay, but not later than 30 days after the date of determination that a security breach occurred'),
    source: 'Colo. Rev. Stat. 6-1-716(2)(a)',
    verifyNote: `the 30 days and that they run from the determination (not discovery) were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(CO, {
    trigger: 'breach-determination',
    deadline: days(30),
    source: 'Colo. Rev. Stat. 6-1-716(2)(f)',
    minAffected: 500,
    verifyNote: `the 500-or-more threshold and the 30 days after the determination were ${UNCONFIRMED}`,
  }),
  reportingAgencies(CO, {
    source: 'Colo. Rev. Stat. 6-1-716(2)(d)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(CT, {
    trigger: 'discovery',
    deadline: days(60, 'without unreasonable delay but not later than 60 days after the discovery of the breach'),
    source: 'Conn. Gen. Stat. 36a-701b(b)(1)',
    verifyNote: `the 60 days after discovery were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(CT, {
    trigger: 'discovery',
    deadline: { standard: 'not later than the time when notice is provided to the resident' },
    source: 'Conn. Gen. Stat. 36a-701b(b)(2)',
    verifyNote: `that the Attorney General is told of every breach, no later than the residents, was ${UNCONFIRMED}`,
  }),

  residents(DE, {
    trigger: 'breach-determination',
    deadline: days(60, 'without unreasonable delay but not later than 60 days after determination of the breach'),
    source: '6 Del. C. 12B-102(c)',
    verifyNote: `the 60 days and that they run from the determination of the breach were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(DE, {
    trigger: 'breach-determination',
    deadline: { standard: 'not later than the time when notice is provided to the resident' },
    source: '6 Del. C. 12B-102(d)',
    minAffected: 501,
    verifyNote: `the more-than-500 threshold was ${UNCONFIRMED}`,
  }),

  residents(DC, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'D.C. Code 28-3852(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(DC, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expedient manner possible, without unreasonable delay, and in no event later than when notice is provided to residents' },
    source: 'D.C. Code 28-3852(b-1)',
    minAffected: 50,
    verifyNote: `the 50-or-more threshold and the timing wording were ${UNCONFIRMED}`,
  }),
  reportingAgencies(DC, {
    source: 'D.C. Code 28-3852(c)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(FL, {
    // Fla. Stat. 501.171(4)(a): counted from the determination of a breach or reason to believe one occurred.
    trigger: 'breach-determination',
    deadline: days(30, 'as expeditiously as practicable and without unreasonable delay, but no later than 30 days after the determination of a breach or reason to believe a breach occurred'),
    source: 'Fla. Stat. 501.171(4)(a)',
    verifyNote: `the 30 days and their start were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(FL, {
    trigger: 'breach-determination',
    deadline: days(30, 'as expeditiously as practicable, but no later than 30 days after the determination of a breach or reason to believe a breach occurred'),
    recipient: 'Florida Department of Legal Affairs (Attorney General)',
    requiredContent: ['synopsis of the events', 'number of Floridians affected', 'services offered to individuals', 'a copy of the notice', 'contact name'],
    source: 'Fla. Stat. 501.171(3)',
    minAffected: 500,
    verifyNote: `the 500-or-more threshold and the 30 days were ${UNCONFIRMED}`,
  }),
  reportingAgencies(FL, {
    source: 'Fla. Stat. 501.171(5)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(GA, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'O.C.G.A. 10-1-912(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(GA, {
    source: 'O.C.G.A. 10-1-912(d)',
    minAffected: 10001,
    verifyNote: `the more-than-10,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(HI, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Haw. Rev. Stat. 487N-2(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  regulator(HI, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    recipient: 'Hawaii Office of Consumer Protection',
    source: 'Haw. Rev. Stat. 487N-2(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),
  reportingAgencies(HI, {
    source: 'Haw. Rev. Stat. 487N-2(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(ID, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Idaho Code 28-51-105(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}; the Attorney General notice of 28-51-105 binds public agencies only, so none is listed`,
  }),

  residents(IL, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: '815 ILCS 530/10(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(IL, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expedient time possible and without unreasonable delay, but in no event later than when the data collector provides notice to consumers' },
    source: '815 ILCS 530/10(e)',
    minAffected: 501,
    verifyNote: `the more-than-500 threshold and the timing wording were ${UNCONFIRMED}`,
  }),

  residents(IN, {
    trigger: 'discovery',
    deadline: days(45, 'without unreasonable delay, but not more than 45 days after the discovery of the breach'),
    source: 'Ind. Code 24-4.9-3-3',
    verifyNote: `the 45 days after discovery (2022 amendment) were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(IN, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Ind. Code 24-4.9-3-1(c)',
    verifyNote: `that the Attorney General is told of every breach requiring notice was ${UNCONFIRMED}`,
  }),
  reportingAgencies(IN, {
    source: 'Ind. Code 24-4.9-3-1(b)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(IA, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expeditious manner possible and without unreasonable delay' },
    source: 'Iowa Code 715C.2(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(IA, {
    trigger: { after: 'notify-residents' },
    deadline: { amount: 5, unit: 'business-days', standard: 'within five business days after giving notice of the breach to any consumer' },
    // Business days need a holiday calendar, and only the federal one exists: Iowa's state holidays may differ.
    counting: { zone: IA.zone, calendar: 'US-FEDERAL' },
    recipient: 'Director of the Consumer Protection Division, Iowa Attorney General',
    source: 'Iowa Code 715C.2(8)',
    minAffected: 501,
    verifyNote: 'the more-than-500 threshold and the five business days were not confirmed; business days are counted against US federal holidays, not Iowa state holidays',
  }),

  residents(KS, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Kan. Stat. 50-7a02(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(KS, {
    source: 'Kan. Stat. 50-7a02(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(KY, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Ky. Rev. Stat. 365.732(2)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(KY, {
    source: 'Ky. Rev. Stat. 365.732(7)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(LA, {
    trigger: 'discovery',
    deadline: days(60, 'in the most expedient time possible and without unreasonable delay, but not later than 60 days from the discovery of the breach'),
    source: 'La. R.S. 51:3074(E)',
    notes: ['A delay to determine the scope of the breach must be explained to the Attorney General in writing within the 60 days.'],
  }),
  attorneyGeneral(LA, {
    // La. Admin. Code tit. 16, pt. III, § 701(B): timely if received within 10 days of distribution of notice to residents.
    trigger: { after: 'notify-residents' },
    deadline: days(10, 'received within 10 days of distribution of notice to Louisiana citizens'),
    recipient: 'Consumer Protection Section, Louisiana Attorney General',
    requiredContent: ['written notice detailing the breach', 'the names of all Louisiana citizens affected'],
    source: 'La. Admin. Code tit. 16, pt. III, § 701',
    sourceUrl: 'https://ag.state.la.us/Page/DataBreach',
    notes: ['The rule counts to receipt by the Attorney General, not to sending.'],
  }),

  residents(ME, {
    trigger: 'discovery',
    deadline: days(30, 'as expediently as possible and without unreasonable delay, but not more than 30 days after becoming aware of the breach'),
    source: '10 M.R.S. 1348(1)',
    verifyNote: `the 30 days after becoming aware of the breach were ${UNCONFIRMED}`,
  }),
  regulator(ME, {
    trigger: 'discovery',
    deadline: { standard: 'when notice of the breach is required' },
    recipient: 'the entity’s regulator within the Department of Professional and Financial Regulation, or else the Maine Attorney General',
    source: '10 M.R.S. 1348(5)',
    verifyNote: `the subsection and the timing were ${UNCONFIRMED}`,
  }),
  reportingAgencies(ME, {
    source: '10 M.R.S. 1348(4)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(MD, {
    // Md. Code Com. Law 14-3504(b)(3) as amended in 2022: from discovery or notification, not from the end of the investigation.
    trigger: 'discovery',
    deadline: days(45, 'as soon as reasonably practicable, but not later than 45 days after the business discovers or is notified of the breach'),
    source: 'Md. Code Com. Law 14-3504(b)(3)',
    notes: ['Several compendia still count the 45 days from the end of the investigation (the text before the 2022 amendment).'],
  }),
  attorneyGeneral(MD, {
    trigger: 'discovery',
    deadline: { standard: 'prior to giving the notification to residents' },
    requiredContent: [
      'number of affected Maryland residents',
      'description of the breach, incl. when and how it occurred',
      'steps taken or planned relating to the breach',
      'form of notice to be sent and a sample notice',
    ],
    source: 'Md. Code Com. Law 14-3504(h)',
    verifyNote: `the subsection letter was ${UNCONFIRMED}`,
  }),
  reportingAgencies(MD, {
    source: 'Md. Code Com. Law 14-3506',
    minAffected: 1000,
    verifyNote: `the 1,000-or-more threshold was ${UNCONFIRMED}`,
  }),

  residents(MA, {
    trigger: 'discovery',
    deadline: { standard: 'as soon as practicable and without unreasonable delay' },
    source: 'Mass. Gen. Laws ch. 93H § 3(b)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(MA, {
    trigger: 'discovery',
    deadline: { standard: 'as soon as practicable and without unreasonable delay' },
    recipient: 'Massachusetts Attorney General and Director of the Office of Consumer Affairs and Business Regulation',
    source: 'Mass. Gen. Laws ch. 93H § 3(b)',
    verifyNote: `that both offices are told of every breach was ${UNCONFIRMED}`,
  }),

  residents(MI, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'MCL 445.72(4)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(MI, {
    source: 'MCL 445.72(8)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(MN, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Minn. Stat. 325E.61 subd. 1(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(MN, {
    // Minn. Stat. 325E.61 subd. 2: within 48 hours, read as from discovering the circumstances requiring notice.
    trigger: 'discovery',
    deadline: { amount: 48, unit: 'hours', standard: 'within 48 hours' },
    source: 'Minn. Stat. 325E.61 subd. 2',
    minAffected: 501,
    verifyNote: 'the more-than-500 threshold, the 48 hours and that they run from discovery were not confirmed from the primary text',
  }),

  residents(MS, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Miss. Code 75-24-29(3)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),

  residents(MO, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Mo. Rev. Stat. 407.1500.2(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(MO, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Mo. Rev. Stat. 407.1500.2(8)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),
  reportingAgencies(MO, {
    source: 'Mo. Rev. Stat. 407.1500.2(8)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(MT, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Mont. Code 30-14-1704(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(MT, {
    trigger: 'discovery',
    deadline: { standard: 'simultaneously with the notice to residents' },
    recipient: 'Office of Consumer Protection, Montana Department of Justice',
    requiredContent: ['an electronic copy of the notice sent to residents', 'the date and method of distribution', 'the number of Montana residents notified'],
    source: 'Mont. Code 30-14-1704(8)',
    verifyNote: `the subsection and its content list were ${UNCONFIRMED}`,
  }),

  residents(NE, {
    trigger: 'discovery',
    deadline: { standard: 'as soon as possible and without unreasonable delay' },
    source: 'Neb. Rev. Stat. 87-803(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(NE, {
    trigger: 'discovery',
    deadline: { standard: 'not later than the time when notice is provided to the Nebraska resident' },
    source: 'Neb. Rev. Stat. 87-803(2)',
    verifyNote: `that the Attorney General is told of every breach requiring notice was ${UNCONFIRMED}`,
  }),

  residents(NV, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Nev. Rev. Stat. 603A.220(1)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(NV, {
    source: 'Nev. Rev. Stat. 603A.220(6)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(NH, {
    trigger: 'discovery',
    deadline: { standard: 'as soon as possible' },
    source: 'N.H. Rev. Stat. 359-C:20(I)(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(NH, {
    trigger: 'discovery',
    deadline: { standard: 'as soon as possible' },
    recipient: 'New Hampshire Attorney General, or the entity’s primary regulator',
    source: 'N.H. Rev. Stat. 359-C:20(I)(b)',
    verifyNote: `that the Attorney General is told of every breach was ${UNCONFIRMED}`,
  }),
  reportingAgencies(NH, {
    source: 'N.H. Rev. Stat. 359-C:20(VI)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(NJ, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'N.J. Stat. 56:8-163(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  regulator(NJ, {
    trigger: 'discovery',
    deadline: { standard: 'in advance of the disclosure to the customer' },
    recipient: 'Division of State Police, New Jersey Department of Law and Public Safety',
    source: 'N.J. Stat. 56:8-163(c)(1)',
    verifyNote: `that the State Police are told before customers, whatever the number, was ${UNCONFIRMED}`,
  }),
  reportingAgencies(NJ, {
    source: 'N.J. Stat. 56:8-163(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(NM, {
    trigger: 'discovery',
    deadline: days(45, 'in the most expedient time possible, but not later than 45 calendar days following discovery of the breach'),
    source: 'N.M. Stat. 57-12C-6(A)',
    verifyNote: `the 45 calendar days after discovery were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(NM, {
    trigger: 'discovery',
    deadline: days(45),
    source: 'N.M. Stat. 57-12C-10',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold and the 45 calendar days after discovery were ${UNCONFIRMED}`,
  }),
  reportingAgencies(NM, {
    trigger: 'discovery',
    deadline: days(45),
    source: 'N.M. Stat. 57-12C-10',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold and the 45 calendar days after discovery were ${UNCONFIRMED}`,
  }),

  residents(NY, {
    trigger: 'discovery',
    deadline: days(30, 'in the most expedient time possible and without unreasonable delay, provided that such notification shall be made within 30 days after the breach has been discovered'),
    source: 'N.Y. Gen. Bus. Law 899-aa(2) (as amended by S2659B, 2024)',
    notes: ['Only the legitimate needs of law enforcement may delay the notice since the 2024 amendment.'],
  }),
  attorneyGeneral(NY, {
    trigger: 'discovery',
    deadline: { standard: 'when residents are notified: the timing, content and distribution of the notices and the approximate number affected' },
    recipient: 'New York Attorney General, Department of State and Division of State Police (and DFS for its covered entities)',
    requiredContent: ['timing, content and distribution of the notices', 'approximate number of affected persons', 'a copy of the template notice sent to affected persons'],
    source: 'N.Y. Gen. Bus. Law 899-aa(8)(a)',
    verifyNote: `that the offices are told of every breach requiring notice, and the timing, were ${UNCONFIRMED}`,
    notes: ['NYDFS-covered entities notify DFS under 23 NYCRR 500.17 (regime NYDFS).'],
  }),
  reportingAgencies(NY, {
    source: 'N.Y. Gen. Bus. Law 899-aa(8)(b)',
    minAffected: 5001,
    verifyNote: `the more-than-5,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(NC, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'N.C. Gen. Stat. 75-65(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(NC, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    recipient: 'Consumer Protection Division, North Carolina Attorney General',
    source: 'N.C. Gen. Stat. 75-65(e1)',
    verifyNote: `that the Attorney General is told of every breach requiring notice was ${UNCONFIRMED}`,
  }),
  reportingAgencies(NC, {
    source: 'N.C. Gen. Stat. 75-65(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(ND, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'N.D. Cent. Code 51-30-02',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(ND, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'N.D. Cent. Code 51-30-02',
    minAffected: 251,
    verifyNote: `the more-than-250 threshold was ${UNCONFIRMED}`,
  }),

  residents(OH, {
    trigger: 'discovery',
    deadline: days(45, 'in the most expedient time possible but not later than 45 days following discovery or notification of the breach'),
    source: 'Ohio Rev. Code 1349.19(B)(2)',
    verifyNote: `the 45 days after discovery were ${UNCONFIRMED}`,
  }),
  reportingAgencies(OH, {
    source: 'Ohio Rev. Code 1349.19(G)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(OK, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: '24 Okla. Stat. 163(A)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(OK, {
    // 24 O.S. 163 as amended by SB 626 (2025), for breaches discovered or notified from 2026-01-01.
    trigger: { after: 'notify-residents' },
    deadline: days(60, 'without unreasonable delay but in no event more than 60 days after providing notice to affected residents'),
    requiredContent: [
      'date of the breach and date of its determination',
      'nature of the breach',
      'type of personal information exposed',
      'number of Oklahoma residents affected',
      'estimated monetary impact, where it can be determined',
      'reasonable safeguards the entity employs',
    ],
    source: '24 Okla. Stat. 163 (as amended by SB 626 (2025))',
    minAffected: 500,
    inForceFrom: '2026-01-01T06:00:00.000Z',
    verifyNote: 'confirmed from compendia only: check the subsection letter and that the 60 days are calendar days',
    notes: ['A credit bureau notifies the Attorney General only from 1,000 residents.', 'SB 626 applies to breaches discovered or notified on or after 2026-01-01 (midnight Central).'],
  }),

  residents(OR, {
    trigger: 'discovery',
    deadline: days(45, 'in the most expeditious manner possible, without unreasonable delay, but not later than 45 days after discovering or receiving notification of the breach'),
    source: 'ORS 646A.604(3)',
    verifyNote: `the 45 days after discovery were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(OR, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'ORS 646A.604(1)(b)',
    minAffected: 251,
    verifyNote: `the more-than-250 threshold and the timing were ${UNCONFIRMED}`,
  }),
  reportingAgencies(OR, {
    source: 'ORS 646A.604(6)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(PA, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: '73 P.S. 2303(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(PA, {
    // 73 P.S. 2303(c.1), added by Act 33 of 2024 (in force 2024-09-26).
    trigger: 'discovery',
    deadline: { standard: 'concurrently with the notice to residents' },
    requiredContent: [
      'organization name and location',
      'date of the breach',
      'summary of the breach',
      'estimated total number of individuals affected',
      'estimated number of Pennsylvania residents affected',
    ],
    source: '73 P.S. 2303(c.1)',
    minAffected: 501,
    notes: ['Entities subject to 40 Pa.C.S. Ch. 45 (insurance data security) are exempt (2303(c.2)).'],
  }),
  reportingAgencies(PA, {
    // Act 33 of 2024 lowered the threshold from 1,000 to 500.
    source: '73 P.S. 2305',
    minAffected: 500,
    verifyNote: 'the 500-or-more threshold (lowered by Act 33 of 2024) was confirmed from a compendium only',
  }),

  residents(RI, {
    trigger: 'breach-determination',
    deadline: days(45, 'in the most expedient time possible, but no later than 45 calendar days after confirmation of the breach and the ability to ascertain the information required'),
    source: 'R.I. Gen. Laws 11-49.3-4(a)(2)',
    verifyNote: `the 45 calendar days after confirmation of the breach were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(RI, {
    trigger: 'breach-determination',
    deadline: { standard: 'without delaying notice to affected residents' },
    source: 'R.I. Gen. Laws 11-49.3-4(a)(2)',
    minAffected: 501,
    verifyNote: `the more-than-500 threshold was ${UNCONFIRMED}`,
  }),
  reportingAgencies(RI, {
    trigger: 'breach-determination',
    deadline: { standard: 'without delaying notice to affected residents' },
    source: 'R.I. Gen. Laws 11-49.3-4(a)(2)',
    minAffected: 501,
    verifyNote: `the more-than-500 threshold was ${UNCONFIRMED}`,
  }),

  residents(SC, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'S.C. Code 39-1-90(A)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  regulator(SC, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    recipient: 'Consumer Protection Division, South Carolina Department of Consumer Affairs',
    source: 'S.C. Code 39-1-90(K)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),
  reportingAgencies(SC, {
    source: 'S.C. Code 39-1-90(K)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(SD, {
    trigger: 'discovery',
    deadline: days(60, 'not later than 60 days from the discovery or notification of the breach'),
    source: 'S.D. Codified Laws 22-40-20',
    verifyNote: `the 60 days after discovery were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(SD, {
    trigger: 'discovery',
    deadline: { standard: 'when residents are notified' },
    source: 'S.D. Codified Laws 22-40-20',
    minAffected: 251,
    verifyNote: `the more-than-250 threshold and the timing were ${UNCONFIRMED}`,
  }),
  reportingAgencies(SD, {
    source: 'S.D. Codified Laws 22-40-23',
    verifyNote: `that every breach requiring notice is reported to the agencies (no threshold), and the section number, were ${UNCONFIRMED}`,
  }),

  residents(TN, {
    trigger: 'discovery',
    deadline: days(45, 'immediately, but no later than 45 days from the discovery or notification of the breach'),
    source: 'Tenn. Code 47-18-2107(b)',
    verifyNote: `the 45 days after discovery were ${UNCONFIRMED}`,
  }),
  reportingAgencies(TN, {
    source: 'Tenn. Code 47-18-2107(f)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  // The obligation id stays notify-individuals, not notify-residents: stored incidents carry it.
  entry(TX, {
    obligation: 'notify-individuals',
    trigger: 'breach-determination',
    deadline: days(60, 'without unreasonable delay and in each case not later than the 60th day after the date on which the person determines that the breach occurred'),
    recipient: 'affected individuals',
    requiredContent: ['notice of the breach of system security'],
    source: 'Tex. Bus. & Com. Code 521.053(b)',
    verifyNote: `the 60 days after the determination were ${UNCONFIRMED} (they match REGULATIONS.md)`,
  }),
  attorneyGeneral(TX, {
    trigger: 'breach-determination',
    deadline: days(30, 'as soon as practicable and not later than the 30th day after the date on which the person determines that the breach occurred'),
    requiredContent: ['the Attorney General’s online breach-report form'],
    source: 'Tex. Bus. & Com. Code 521.053(i)',
    minAffected: 250,
    verifyNote: `the 250-or-more threshold and the 30 days (SB 768, 2023) were ${UNCONFIRMED} (they match REGULATIONS.md)`,
  }),
  reportingAgencies(TX, {
    source: 'Tex. Bus. & Com. Code 521.053(h)',
    minAffected: 10001,
    verifyNote: `the more-than-10,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(UT, {
    trigger: 'discovery',
    deadline: { standard: 'in the most expedient time possible without unreasonable delay' },
    source: 'Utah Code 13-44-202(2)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(UT, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    recipient: 'Utah Attorney General and Utah Cyber Center',
    requiredContent: [
      'date of the breach and date of its discovery',
      'total number affected, incl. Utah residents',
      'type of personal information involved',
      'short description of the breach',
    ],
    source: 'Utah Code 13-44-202 (as amended by S.B. 127 (2023))',
    minAffected: 500,
    verifyNote: `the subsection and the timing were ${UNCONFIRMED}; the 500-or-more threshold is from compendia`,
  }),
  reportingAgencies(UT, {
    source: 'Utah Code 13-44-202 (as amended by S.B. 127 (2023))',
    minAffected: 1000,
    verifyNote: `the subsection was ${UNCONFIRMED}; the 1,000-or-more threshold is from compendia`,
  }),

  residents(VT, {
    trigger: 'discovery',
    deadline: days(45, 'in the most expedient time possible and without unreasonable delay, but not later than 45 days after the discovery or notification'),
    source: '9 V.S.A. 2435(b)(1)',
  }),
  attorneyGeneral(VT, {
    trigger: 'discovery',
    deadline: {
      amount: 14,
      unit: 'business-days',
      standard: 'preliminary notice within 14 business days of discovery, or when consumers are notified, whichever is sooner',
    },
    // Only the federal holiday calendar exists; Vermont's own (Town Meeting Day, Bennington Battle Day) differs.
    counting: { zone: VT.zone, calendar: 'US-FEDERAL' },
    recipient: 'Vermont Attorney General, or the Department of Financial Regulation for entities it regulates',
    requiredContent: ['date of the breach', 'date of its discovery', 'preliminary description of the breach'],
    source: '9 V.S.A. 2435(b)(3)',
    verifyNote: 'business days are counted against US federal holidays, not Vermont state holidays: check the due day against Vermont’s calendar',
    notes: [
      'Due sooner when consumers are notified first: the engine times the 14 business days only.',
      'A second notice follows the consumer notice: number of Vermont consumers affected and a copy of the notice.',
    ],
  }),
  reportingAgencies(VT, {
    source: '9 V.S.A. 2435(c)',
    minAffected: 1001,
    verifyNote: 'the more-than-1,000 threshold was confirmed from compendia only',
  }),

  residents(VA, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Va. Code 18.2-186.6(B)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  attorneyGeneral(VA, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'Va. Code 18.2-186.6(B)',
    verifyNote: `that the Attorney General is told of every breach requiring notice was ${UNCONFIRMED}`,
  }),
  reportingAgencies(VA, {
    source: 'Va. Code 18.2-186.6(E)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(WA, {
    trigger: 'discovery',
    deadline: days(30, 'in the most expedient time possible, without unreasonable delay, and no more than 30 calendar days after the breach was discovered'),
    source: 'Rev. Code Wash. 19.255.010(8)',
    verifyNote: `the 30 calendar days after discovery were ${UNCONFIRMED}`,
  }),
  attorneyGeneral(WA, {
    trigger: 'discovery',
    deadline: days(30, 'in the most expedient time possible, without unreasonable delay, and no more than 30 calendar days after the breach was discovered'),
    source: 'Rev. Code Wash. 19.255.010(7)',
    minAffected: 501,
    verifyNote: `the more-than-500 threshold and the 30 days were ${UNCONFIRMED}`,
  }),

  residents(WV, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: 'W. Va. Code 46A-2A-102(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),
  reportingAgencies(WV, {
    source: 'W. Va. Code 46A-2A-102(d)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(WI, {
    trigger: 'discovery',
    deadline: days(45, 'within a reasonable time, not to exceed 45 days after the entity learns of the acquisition'),
    source: 'Wis. Stat. 134.98(3)(a)',
    verifyNote: `the 45 days after learning of the acquisition were ${UNCONFIRMED}`,
  }),
  reportingAgencies(WI, {
    source: 'Wis. Stat. 134.98(2)(br)',
    minAffected: 1001,
    verifyNote: `the more-than-1,000 threshold was ${UNCONFIRMED}`,
  }),

  residents(WY, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: 'Wyo. Stat. 40-12-502(a)',
    verifyNote: `the standard's wording was ${UNCONFIRMED}`,
  }),

  residents(PR, {
    trigger: 'discovery',
    deadline: { standard: 'as expeditiously as possible' },
    requiredContent: ['general description of the breach', 'type of sensitive information compromised', 'a toll-free number and a website for information or assistance'],
    source: '10 L.P.R.A. 4052, 4053',
  }),
  regulator(PR, {
    // 10 L.P.R.A. 4052: a non-extendable term of ten days after the breach was detected.
    trigger: 'discovery',
    deadline: days(10, 'within a non-extendable term of ten days after the violation of the system’s security has been detected'),
    recipient: 'Departamento de Asuntos del Consumidor (DACO), which announces the breach publicly within 24 hours',
    source: '10 L.P.R.A. 4052',
    notes: ['DACO Regulation 7207 sets the form of the notice.'],
  }),

  residents(GU, {
    trigger: 'discovery',
    deadline: { standard: WITHOUT_DELAY },
    source: '9 G.C.A. 48.30',
    verifyNote: `the section number and the standard's wording were ${UNCONFIRMED}; the source address is the Compiler of Laws' chapter file`,
  }),

  residents(VI, {
    trigger: 'discovery',
    deadline: { standard: EXPEDIENT },
    source: '14 V.I.C. 2208',
    verifyNote: `the section number and the standard's wording were ${UNCONFIRMED}; the source address is a compendium, not an official code site`,
  }),
];
