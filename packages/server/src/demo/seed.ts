/**
 * Seeds the demo database: four accounts with the password `demo` and the fictional facility. Runs only
 * against the demo database, and only when it has no users yet, so a second `npm start` reuses what is there.
 */
import type { Role } from "@athar/core";
import { type Store, SYSTEM_ACTOR, sites, users } from "@athar/db";
import { hashPassword } from "../auth/passwords";
import { demoFacility, demoFootprint } from "./facility";
import { seedDemoOperations } from "./operations";
import { seedDemoSearch } from "./search";
import { seedTracingDemo } from "./tracing";

export const DEMO_PASSWORD = "demo";
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: "admin", displayName: "Demo administrator", roles: ["admin"] },
  { username: "coordinator", displayName: "Demo search coordinator", roles: ["coordinator", "analyst"] },
  { username: "field", displayName: "Demo team leader", roles: ["team_lead", "field"] },
  { username: "tracer", displayName: "Demo tracing officer", roles: ["tracing_officer"] },
];

export async function isSeeded(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function seedDemo(store: Store): Promise<{ siteId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return store.write(SYSTEM_ACTOR, async (w) => {
    const created = [];
    for (const account of DEMO_ACCOUNTS)
      created.push(await users.createUser(w, { ...account, passwordHash }));
    const members = created.filter((u) => !u.roles.includes("tracing_officer")).map((u) => u.id);
    const site = await sites.createSite(
      w,
      {
        name: "Demo facility (fictional)",
        description:
          "A fictional three-wing detention block used for demonstration and tests. Not a real place.",
        refLat: 33.5,
        refLon: 36.3,
      },
      members,
    );
    const building = await sites.createBuilding(w, {
      siteId: site.id,
      name: "Main block",
      footprint: demoFootprint(),
    });
    const facility = demoFacility();
    const spaceIds = new Map<string, string>();
    for (const demoLevel of facility) {
      const level = await sites.createLevel(w, {
        buildingId: building.id,
        name: demoLevel.name,
        ordinal: demoLevel.ordinal,
        status: demoLevel.status,
      });
      for (const space of demoLevel.spaces) {
        const stored = await sites.createSpace(w, {
          levelId: level.id,
          name: space.name,
          kind: space.kind,
          status: space.status,
          polygon: space.polygon,
          notes: "",
        });
        spaceIds.set(space.key, stored.id);
      }
    }
    // Openings after every space exists: a hatch joins spaces on two levels.
    for (const opening of facility.flatMap((level) => level.openings)) {
      const a = spaceIds.get(opening.a);
      const b = opening.b === null ? null : spaceIds.get(opening.b);
      if (!a || b === undefined) throw new Error(`demo opening ${opening.name} refers to a missing space`);
      await sites.createOpening(w, {
        kind: opening.kind,
        name: opening.name,
        spaceAId: a,
        spaceBId: b,
        position: opening.position,
        widthM: opening.kind === "hatch" ? 0.8 : 0.9,
        barrier: {
          lock: opening.lock,
          material: opening.material,
          thicknessM: null,
          concealed: opening.concealed,
          state: opening.state,
        },
      });
    }
    await seedTracingDemo(w);
    await seedDemoOperations(w, site.id, new Map(created.map((u) => [u.username, u.id])));
    await seedDemoSearch(w, site.id);
    return { siteId: site.id };
  });
}
