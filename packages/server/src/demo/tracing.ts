/**
 * The demo registry: a dozen person records, all invented, from the sources a registry receives in the
 * first days (the gate, the search teams, a recovered register, a witness, another organisation), one
 * inquiry recorded by a tracing officer, and the proposals the matcher makes for them. The names are common
 * Syrian names put together at random: none is a real detainee, family or informant.
 *
 * What it shows: the same man written in Latin at the gate and (by his family) in Arabic; a brother who
 * shares every parentage name (the sibling guard); one person in two sources (a duplicate proposal);
 * remains without a name; a kunya that is all a witness knew; partial dates ("about 1985").
 */
import { inquiries, matches, persons, type WriteContext } from "@athar/db";
import {
  type InquiryCreate,
  inquiryCreateSchema,
  type PersonCreate,
  personCreateSchema,
} from "@athar/registry";

type DemoPerson = Parameters<typeof personCreateSchema.parse>[0];

const GATE = { kind: "freed_at_gate", reference: "Gate desk 2, shift 3 (demo)" } as const;
const REGISTER = { kind: "document", reference: "Register B-3, recovered in the east wing (demo)" } as const;

/** The records. Latin, Arabic or both; dates as sources give them. */
export const DEMO_PERSONS: readonly DemoPerson[] = [
  {
    // Registered in Latin at the gate by a volunteer: the one a family will ask for in Arabic.
    source: { ...GATE, collectedOn: { year: 2024, month: 12, day: 8 } },
    name: {
      latin: {
        given: "Khaled",
        father: "Mahmoud",
        grandfather: "Hassan",
        family: "Halabi",
        motherGiven: "Fatima",
        motherFamily: "Sabbagh",
      },
    },
    sex: "male",
    birthDate: { year: 1985 },
    governorate: "aleppo",
    detention: { facility: "Demo facility (fictional)", prisonerNumber: "D-1042", cell: "B-12" },
    statuses: [
      {
        status: "alive",
        source: "team_observation",
        sourceReference: "Gate desk 2 (demo)",
        statedOn: { year: 2024, month: 12, day: 8 },
        documented: true,
      },
    ],
  },
  {
    // His brother, in the recovered register: same father, grandfather, family and mother.
    source: REGISTER,
    name: {
      arabic: {
        given: "عمر",
        father: "محمود",
        grandfather: "حسن",
        family: "الحلبي",
        motherGiven: "فاطمة",
        motherFamily: "الصباغ",
      },
    },
    sex: "male",
    birthDate: { year: 1989, uncertaintyYears: 2 },
    governorate: "aleppo",
    detention: {
      arrestDate: { year: 2013, month: 4 },
      facility: "Demo facility (fictional)",
      prisonerNumber: "D-2210",
      cell: "C-3",
    },
    statuses: [{ status: "unknown", source: "document", sourceReference: "Register B-3, page 14, line 7" }],
  },
  {
    // One man in two sources: the register (Arabic) and a partner organisation's list (Latin).
    source: REGISTER,
    name: {
      arabic: {
        given: "باسل",
        father: "نزار",
        grandfather: "سليم",
        family: "الحداد",
        motherGiven: "سعاد",
        motherFamily: "النجار",
      },
    },
    sex: "male",
    birthDate: { year: 1979, month: 3, day: 21 },
    birthPlace: "حمص",
    governorate: "homs",
    nationalId: "03010045821",
    detention: { arrestDate: { year: 2012, month: 9 }, prisonerNumber: "D-0377" },
    statuses: [{ status: "unknown", source: "document", sourceReference: "Register B-3, page 2, line 19" }],
  },
  {
    source: { kind: "exchange", reference: "Partner organisation list (demo)" },
    name: {
      latin: {
        given: "Basel",
        father: "Nizar",
        grandfather: "Salim",
        family: "Haddad",
        motherGiven: "Souad",
        motherFamily: "Najjar",
      },
    },
    sex: "male",
    birthDate: { year: 1979, month: 3, day: 21 },
    birthPlace: "Homs",
    governorate: "homs",
    statuses: [{ status: "sought", source: "exchange", sourceReference: "Partner case 5512 (demo)" }],
  },
  {
    // Rescued from a hidden cell by a search team; both scripts known.
    source: { kind: "rescued_in_search", reference: "Search team 2, basement −3 (demo)" },
    name: {
      arabic: { given: "رانيا", father: "يوسف", grandfather: "إبراهيم", family: "درويش", motherGiven: "منى" },
      latin: {
        given: "Rania",
        father: "Yousef",
        grandfather: "Ibrahim",
        family: "Darwish",
        motherGiven: "Mona",
      },
    },
    sex: "female",
    birthDate: { year: 1992, month: 6 },
    governorate: "rif_dimashq",
    detention: { facility: "Demo facility (fictional)", cell: "Basement −3, room 4" },
    statuses: [
      {
        status: "alive",
        source: "team_observation",
        sourceReference: "Search team 2 (demo)",
        statedOn: { year: 2024, month: 12, day: 9 },
        documented: true,
      },
    ],
  },
  {
    source: REGISTER,
    name: {
      arabic: {
        given: "سامر",
        father: "عبد الرحمن",
        grandfather: "يوسف",
        family: "الخطيب",
        motherGiven: "هدى",
        motherFamily: "العلي",
      },
    },
    sex: "male",
    birthDate: { year: 1979, uncertaintyYears: 2 },
    governorate: "damascus",
    detention: { arrestDate: { year: 2014 }, prisonerNumber: "D-1777" },
    statuses: [{ status: "unknown", source: "document", sourceReference: "Register B-3, page 9, line 3" }],
  },
  {
    source: { kind: "freed_at_gate", reference: "Gate desk 1, shift 1 (demo)" },
    name: {
      arabic: { given: "محمد", father: "أحمد", grandfather: "علي", family: "الشامي" },
      latin: { given: "Mohammad", father: "Ahmad", grandfather: "Ali", family: "Shami" },
    },
    sex: "male",
    birthDate: { year: 1990, month: 1, day: 5 },
    governorate: "damascus",
    statuses: [{ status: "alive", source: "team_observation", documented: true }],
  },
  {
    // All a fellow detainee knew: a kunya and where he was.
    source: { kind: "witness", reference: "Witness statement W-12 (demo)" },
    otherNames: [{ kind: "kunya", text: "أبو خالد" }],
    sex: "male",
    detention: {
      cell: "A-7",
      lastSeenPlace: "Demo facility (fictional), cell A-7",
      lastSeenDate: { year: 2019 },
    },
    statuses: [{ status: "unknown", source: "witness", sourceReference: "Witness statement W-12 (demo)" }],
  },
  {
    // Remains without a name: only a description.
    source: { kind: "found_dead", reference: "Search team 1, yard (demo)" },
    sex: "male",
    description: "Adult man, about 30 years old, grey shirt; not yet identified (demo).",
    statuses: [
      {
        status: "deceased",
        source: "team_observation",
        sourceReference: "Search team 1 (demo)",
        statedOn: { year: 2024, month: 12, day: 9 },
        documented: true,
      },
    ],
  },
  {
    source: REGISTER,
    name: {
      latin: { given: "Abdulrahman", father: "Omar", family: "Kurdi", motherGiven: "Layla" },
    },
    otherNames: [{ kind: "nickname", text: "Abboud" }],
    sex: "male",
    birthDate: { year: 2001 },
    governorate: "idlib",
    statuses: [{ status: "unknown", source: "document", sourceReference: "Register B-3, page 21, line 1" }],
  },
  {
    source: { kind: "document", reference: "Transfer list T-4 (demo)" },
    name: {
      arabic: { given: "نور", father: "سمير", grandfather: "خليل", family: "الأحمد", motherGiven: "رشا" },
    },
    sex: "female",
    birthDate: { year: 1995, month: 11, day: 2 },
    governorate: "hama",
    statuses: [{ status: "unknown", source: "document", sourceReference: "Transfer list T-4, line 30" }],
  },
];

/** A family's inquiry recorded by a tracing officer: a mother asks for her daughter, in Arabic. */
export const DEMO_INQUIRY: Parameters<typeof inquiryCreateSchema.parse>[0] = {
  requester: {
    name: "منى الدرويش (demo)",
    phone: "+963 900 000 001",
    preferredChannel: "phone",
    preferredLanguage: "ar",
    contactNotes: "Call after 6 pm (demo).",
  },
  relationship: "parent",
  circumstances: "Arrested at a checkpoint in 2016 (demo).",
  consent: { storeAndProcess: true, shareContactWithFoundPerson: true, shareWithPartners: false },
  soughtPerson: {
    name: { arabic: { given: "رانيا", father: "يوسف", family: "درويش", motherGiven: "منى" } },
    sex: "female",
    birthDate: { year: 1992 },
    statuses: [{ status: "sought", source: "family" }],
  },
};

/** Registers the demo records and the inquiry, and lets the matcher propose pairs for review. */
export async function seedTracingDemo(
  w: WriteContext,
): Promise<{ personIds: string[]; inquiryId: string; proposals: number }> {
  const personIds: string[] = [];
  let proposals = 0;
  const count = (report: matches.ProposalReport) => {
    proposals += report.created;
  };
  for (const demo of DEMO_PERSONS) {
    const input: PersonCreate = personCreateSchema.parse(demo);
    const person = await persons.createPerson(w, input);
    personIds.push(person.id);
    count(await matches.proposeForPerson(w, person.id));
  }
  const create: InquiryCreate = inquiryCreateSchema.parse(DEMO_INQUIRY);
  const inquiry = await inquiries.createInquiry(w, create, { channel: "officer" });
  count(await matches.proposeForPerson(w, inquiry.soughtPersonId));
  return { personIds, inquiryId: inquiry.id, proposals };
}
