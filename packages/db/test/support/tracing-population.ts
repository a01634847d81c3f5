/**
 * A small seeded population for tracing tests: households whose children share father, grandfather,
 * family and mother (siblings), each person named in an Arabic register, and some also registered at the
 * gate in Latin letters with another spelling and an approximate birth year. The truth (which records are
 * one person, which are siblings) is known. Invented names only.
 */
import { type Random, seededRandom } from "@athar/core";
import { type PersonCreate, personCreateSchema } from "@athar/registry";

const GIVEN: readonly [string, readonly string[]][] = [
  ["محمد", ["Mohammad", "Muhammad", "Mohamed"]],
  ["أحمد", ["Ahmad", "Ahmed"]],
  ["علي", ["Ali"]],
  ["عمر", ["Omar", "Umar"]],
  ["خالد", ["Khaled", "Khalid"]],
  ["يوسف", ["Yousef", "Yusuf", "Youssef"]],
  ["سامي", ["Sami", "Samy"]],
  ["حسن", ["Hassan", "Hasan"]],
  ["إبراهيم", ["Ibrahim", "Ebrahim"]],
  ["مصطفى", ["Mustafa", "Moustafa"]],
  ["عبد الرحمن", ["Abdulrahman", "Abd al-Rahman", "Abdelrahman"]],
  ["محمود", ["Mahmoud", "Mahmud"]],
  ["ياسر", ["Yasser", "Yaser"]],
  ["وليد", ["Walid", "Waleed"]],
  ["طارق", ["Tarek", "Tariq"]],
  ["بلال", ["Bilal", "Belal"]],
];
const FAMILY: readonly [string, readonly string[]][] = [
  ["الحلبي", ["Al-Halabi", "Halabi"]],
  ["الخطيب", ["Al-Khatib", "Khatib"]],
  ["حداد", ["Haddad"]],
  ["الحمصي", ["Al-Homsi", "Homsi"]],
  ["نصار", ["Nassar"]],
  ["الشامي", ["Al-Shami", "Shami"]],
  ["الزعبي", ["Al-Zoubi", "Zoubi"]],
  ["درويش", ["Darwish"]],
  ["حمدان", ["Hamdan"]],
  ["عثمان", ["Othman", "Osman"]],
  ["النجار", ["Al-Najjar", "Najjar"]],
  ["شحادة", ["Shehadeh", "Shahada"]],
];
const MOTHERS: readonly [string, readonly string[]][] = [
  ["فاطمة", ["Fatima", "Fatma"]],
  ["هدى", ["Huda", "Hoda"]],
  ["مريم", ["Mariam", "Maryam"]],
  ["خديجة", ["Khadija"]],
  ["زينب", ["Zainab", "Zeinab"]],
  ["سعاد", ["Souad", "Suad"]],
];

export interface SyntheticPerson {
  key: string;
  household: number;
  register: PersonCreate;
  /** The same person's gate record, in Latin letters, when there is one. */
  gate: PersonCreate | null;
}

type Named = readonly [string, readonly string[]];

export function generatePopulation(households: number, seed: number): SyntheticPerson[] {
  const random: Random = seededRandom(seed);
  const people: SyntheticPerson[] = [];
  for (let h = 0; h < households; h++) {
    const father = random.pick(GIVEN);
    const grandfather = random.pick(GIVEN);
    const family = random.pick(FAMILY);
    const mother = random.pick(MOTHERS);
    const motherFamily = random.pick(FAMILY);
    const children = random.int(1, 4);
    const usedGiven = new Set<string>([father[0]]);
    for (let c = 0; c < children; c++) {
      let given: Named = random.pick(GIVEN);
      while (usedGiven.has(given[0])) given = random.pick(GIVEN);
      usedGiven.add(given[0]);
      const year = 1960 + random.int(0, 40);
      const month = random.int(1, 12);
      const day = random.int(1, 28);
      const register = personCreateSchema.parse({
        source: { kind: "document", reference: `Register ${h}` },
        name: {
          arabic: {
            given: given[0],
            father: father[0],
            grandfather: grandfather[0],
            family: family[0],
            motherGiven: mother[0],
            motherFamily: motherFamily[0],
          },
        },
        sex: "male",
        birthDate: { year, month, day },
      });
      const latin = (named: Named) => random.pick(named[1]);
      const gate =
        random.next() < 0.35
          ? personCreateSchema.parse({
              source: { kind: "freed_at_gate", reference: "gate desk" },
              name: {
                latin: {
                  given: latin(given),
                  father: latin(father),
                  family: latin(family),
                  motherGiven: random.next() < 0.7 ? latin(mother) : null,
                },
              },
              sex: "male",
              birthDate: random.next() < 0.5 ? { year, uncertaintyYears: 2 } : { year, month, day },
            })
          : null;
      people.push({ key: `${h}-${c}`, household: h, register, gate });
    }
  }
  return people;
}
