/**
 * Demo teams (fictional call signs, members by alias only): a canine team led by the `field` account, a
 * breaching team and a medium USAR team. No assignments: the coordinator makes them from the board.
 */
import { teams, type WriteContext } from "@athar/db";

type DemoTeam = Omit<teams.TeamInput, "leaderUserId"> & { leader: string | null };

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    callSign: "K9-1",
    name: "Canine team 1",
    organisation: "Demo civil defence (fictional)",
    capabilities: ["canine"],
    members: [
      { alias: "Handler A", role: "dog handler" },
      { alias: "Handler B", role: "dog handler" },
      { alias: "Spotter C", role: "safety" },
    ],
    leader: "field",
    availability: "available",
    workLimitMinutes: 8 * 60,
    shiftStartedAt: null,
    notes: "",
  },
  {
    callSign: "BR-2",
    name: "Breaching team 2",
    organisation: "Demo engineers (fictional)",
    capabilities: ["breaching", "door_opening"],
    members: [
      { alias: "Breacher D", role: "team leader" },
      { alias: "Breacher E", role: "cutting" },
    ],
    leader: null,
    availability: "available",
    workLimitMinutes: 10 * 60,
    shiftStartedAt: null,
    notes: "",
  },
  {
    callSign: "USAR-3",
    name: "USAR medium team 3",
    organisation: "Demo USAR (fictional)",
    capabilities: ["usar_medium", "acoustic", "medical"],
    members: [
      { alias: "Rescuer F", role: "team leader" },
      { alias: "Rescuer G", role: "technical search" },
      { alias: "Medic H", role: "medical" },
    ],
    leader: null,
    availability: "available",
    workLimitMinutes: 12 * 60,
    shiftStartedAt: null,
    notes: "",
  },
];

/** Creates the demo teams on the demo site; `userIds` maps demo usernames to their ids. */
export async function seedDemoOperations(
  w: WriteContext,
  siteId: string,
  userIds: ReadonlyMap<string, string>,
): Promise<void> {
  for (const { leader, ...team } of DEMO_TEAMS) {
    await teams.createTeam(w, siteId, {
      ...team,
      leaderUserId: leader === null ? null : (userIds.get(leader) ?? null),
    });
  }
}
