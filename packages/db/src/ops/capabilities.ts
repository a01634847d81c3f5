/**
 * What a team can do, and which detection methods of the search engine's catalogue (packages/search,
 * methods.ts) each capability brings. The mapping is a reading of the INSARAG team classes (light, medium,
 * heavy: INSARAG Guidelines 2020, Vol. II Manual A) and of common technical-search kit; it is data, shown to
 * users, and a team's methods are the union over its capabilities. No capability brings a method that the
 * site's catalogue does not know: unknown ids are dropped where a catalogue is at hand.
 */

export const TEAM_CAPABILITIES = [
  "canine",
  "breaching",
  "door_opening",
  "usar_light",
  "usar_medium",
  "usar_heavy",
  "medical",
  "camera",
  "acoustic",
  "thermal",
  "gpr",
] as const;
export type TeamCapability = (typeof TEAM_CAPABILITIES)[number];

export interface CapabilityDefinition {
  id: TeamCapability;
  description: string;
  /** Method ids of the engine's catalogue this capability brings. */
  methods: readonly string[];
  /** Whether the team can clear a barrier of each kind (breach tasks). */
  clears: readonly ("door" | "wall" | "slab")[];
}

export const CAPABILITY_SOURCE =
  "Athar developers' reading of INSARAG Guidelines 2020 Vol. II Manual A (team classes) and common technical-search equipment; illustrative, edit to match the teams on site.";

export const CAPABILITIES: Readonly<Record<TeamCapability, CapabilityDefinition>> = {
  canine: {
    id: "canine",
    description: "Live-find search dogs and handlers",
    methods: ["canine"],
    clears: [],
  },
  breaching: {
    id: "breaching",
    description: "Breaching and breaking walls, slabs and doors, then inspecting what lies behind",
    methods: ["breach-inspect"],
    clears: ["door", "wall", "slab"],
  },
  door_opening: {
    id: "door_opening",
    description: "Opening locked doors and gates (locksmith, hydraulic spreader)",
    methods: [],
    clears: ["door"],
  },
  usar_light: {
    id: "usar_light",
    description: "INSARAG light team: surface search, call-out and knock tests",
    methods: ["visual", "call-out", "knock"],
    clears: [],
  },
  usar_medium: {
    id: "usar_medium",
    description: "INSARAG medium team: technical search and light breaching",
    methods: ["visual", "call-out", "knock", "search-camera", "breach-inspect"],
    clears: ["door", "wall"],
  },
  usar_heavy: {
    id: "usar_heavy",
    description: "INSARAG heavy team: technical search, heavy breaching of walls and slabs",
    methods: ["visual", "call-out", "knock", "search-camera", "breach-inspect"],
    clears: ["door", "wall", "slab"],
  },
  medical: {
    id: "medical",
    description: "Medical care of people found; no search method",
    methods: [],
    clears: [],
  },
  camera: { id: "camera", description: "Search camera on a probe", methods: ["search-camera"], clears: [] },
  acoustic: {
    id: "acoustic",
    description: "Acoustic listening devices, knock and call-out",
    methods: ["knock", "call-out"],
    clears: [],
  },
  thermal: { id: "thermal", description: "Thermal imaging", methods: ["thermal"], clears: [] },
  gpr: {
    id: "gpr",
    description: "Ground-penetrating radar (finds voids, not people)",
    methods: ["gpr"],
    clears: [],
  },
};

/** The methods a set of capabilities brings, in catalogue order when a catalogue is given. */
export function methodsOf(capabilities: readonly TeamCapability[], catalogue?: readonly string[]): string[] {
  const methods = new Set(capabilities.flatMap((c) => CAPABILITIES[c].methods));
  if (!catalogue) return [...methods].sort();
  return catalogue.filter((id) => methods.has(id));
}

export function clearsOf(capabilities: readonly TeamCapability[]): ("door" | "wall" | "slab")[] {
  return [...new Set(capabilities.flatMap((c) => CAPABILITIES[c].clears))].sort();
}
