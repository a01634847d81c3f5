/**
 * The marker of an opening, drawn in pixels around (0, 0): its outline says the kind (door ●, gate ■,
 * hatch ◆, vent ▲, breach ✶), its colour the state, the symbol inside the lock, a dashed ring that it is
 * concealed. Used on the plan and in the legend, so both always look the same.
 */
import type { LockKind, OpeningKind, OpeningState } from "@athar/core";
import { STATE_FILL } from "./planStyle";

const R = 8;

function kindShape(kind: OpeningKind, fill: string, stroke: string) {
  const common = { fill, stroke, strokeWidth: 1.5 };
  switch (kind) {
    case "door":
      return <circle r={R} {...common} />;
    case "gate":
      return <rect x={-R} y={-R} width={2 * R} height={2 * R} rx={2} {...common} />;
    case "hatch":
      return <polygon points={`0,${-R - 2} ${R + 2},0 0,${R + 2} ${-R - 2},0`} {...common} />;
    case "vent":
      return <polygon points={`0,${-R - 1} ${R + 1},${R - 1} ${-R - 1},${R - 1}`} {...common} />;
    case "breach": {
      const points = Array.from({ length: 16 }, (_, i) => {
        const radius = i % 2 === 0 ? R + 2 : R - 2.5;
        const angle = (i * Math.PI) / 8;
        return `${(radius * Math.sin(angle)).toFixed(2)},${(-radius * Math.cos(angle)).toFixed(2)}`;
      }).join(" ");
      return <polygon points={points} {...common} />;
    }
  }
}

export function LockSymbol({ lock, color = "#fff" }: { lock: LockKind; color?: string }) {
  switch (lock) {
    case "none":
      return null;
    case "mechanical": // a key
      return (
        <g stroke={color} strokeWidth={1.6} fill="none" strokeLinecap="round">
          <circle cx={-2.6} cy={0} r={2.2} />
          <path d="M-0.4 0 H4.4 M2.6 0 V2.2 M4.4 0 V2.2" />
        </g>
      );
    case "electronic": // a bolt
      return <path d="M1.2 -5.2 L-3 0.6 H-0.2 L-1.2 5.2 L3 -0.6 H0.2 Z" fill={color} />;
    case "keypad": // a grid of keys
      return (
        <g fill={color}>
          {[-3, 0, 3].flatMap((x) => [-3, 0, 3].map((y) => <circle key={`${x}:${y}`} cx={x} cy={y} r={1} />))}
        </g>
      );
    case "unknown":
      return (
        <text
          y={4}
          textAnchor="middle"
          fontSize={11}
          fontWeight={700}
          fill={color}
          fontFamily="system-ui, sans-serif"
        >
          ?
        </text>
      );
  }
}

export function OpeningGlyph({
  kind,
  state,
  lock,
  concealed,
  selected = false,
}: {
  kind: OpeningKind;
  state: OpeningState;
  lock: LockKind;
  concealed: boolean;
  selected?: boolean;
}) {
  return (
    <g>
      {selected && <circle r={R + 6} fill="none" stroke="#0b5cad" strokeWidth={3} />}
      {concealed && <circle r={R + 4} fill="none" stroke="#1d232a" strokeWidth={1.5} strokeDasharray="3 2" />}
      {kindShape(kind, STATE_FILL[state], "#fff")}
      <LockSymbol lock={lock} />
    </g>
  );
}
