import type { LiveChange } from "../../api/client";

/**
 * Whether a live change may alter what this phone shows: its teams' assignments and reports, any team
 * change (the user may have become a leader), a settled conflict. A busy site's other teams do not make
 * every phone reload.
 */
export function concernsTeams(change: LiveChange, teamIds: ReadonlySet<string>): boolean {
  if (change.type.startsWith("ops.team.") || change.type === "ops.report.resolved") return true;
  if (!change.type.startsWith("ops.assignment.") && !change.type.startsWith("ops.report.")) return false;
  const { teamId, previousTeamId } = change.data ?? {};
  return (
    (typeof teamId === "string" && teamIds.has(teamId)) ||
    (typeof previousTeamId === "string" && teamIds.has(previousTeamId))
  );
}
