/**
 * The plan of one level as SVG, in local metres. Pan by dragging or with the arrow keys, zoom with the wheel,
 * a pinch, the +/− keys or buttons. Tools: select (click a space or an opening), rectangle (drag, or two
 * clicks), polygon (click the corners; double-click, Enter or a click on the first corner closes) and door
 * (click near a wall). Keyboard users get a crosshair at the centre: the arrows move the plan under it and
 * Space or Enter acts at the crosshair, so every tool works without a pointer.
 *
 * Geometry is drawn in one transformed group (cheap to pan); markers, labels and status decorations are drawn
 * in pixels so that they keep their size at every zoom.
 */
import type { ExistenceStatus, Opening, Point, Polygon, Space } from "@athar/core";
import { centroid } from "@athar/plans";
import {
  type KeyboardEvent,
  memo,
  type PointerEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { cleanRing, rectangle, snapPoint, spaceAt, wallDirection } from "./geometry";
import { OpeningGlyph } from "./OpeningGlyph";
import { DRAFT, KIND_FILL, OUTLINE, SELECTED, STATE_FILL } from "./planStyle";
import type { PlanLayer, PlanLayerContext, PlanSelection, PlanTool, SpaceFillFunction } from "./types";
import {
  type Box,
  fitBox,
  panBy,
  scaleBarMetres,
  svgTransform,
  toScreen,
  toWorld,
  type Viewport,
  zoomAt,
} from "./viewport";

export interface PlanCanvasProps {
  spaces: readonly Space[];
  openings: readonly Opening[];
  levelStatus: ExistenceStatus;
  belowGround: boolean;
  selection: PlanSelection | null;
  onSelect(selection: PlanSelection | null): void;
  tool: PlanTool;
  /** A rectangle or polygon was drawn (open ring, metres). */
  onDrawn?(polygon: Polygon): void;
  /** The door tool picked a point. */
  onPointPicked?(point: Point): void;
  /** Escape with nothing drawn: the page returns to the select tool. */
  onCancelTool?(): void;
  /** A drawn shape or point waiting for its form to be saved. */
  pending?: { polygon?: Polygon; point?: Point } | null;
  spaceFill?: SpaceFillFunction;
  layers?: readonly PlanLayer[];
  /**
   * With the select tool, a click on a layer's element marked `data-plan-item="<id>"` (drawn in an `under`
   * or `world` layer) calls this with the id instead of selecting what lies beneath.
   */
  onPickItem?(itemId: string): void;
  /** When this changes (another site), the view is fitted to the plan again. */
  fitKey: string;
  label: string;
}

const DRAG_THRESHOLD_PX = 4;
const CLOSE_RING_PX = 10;
const PAN_STEP_PX = 48;
const ZOOM_STEP = 1.25;
/** Below this zoom (px per metre) opening markers would cover their rooms: draw a dot instead. */
const MARKER_MIN_SCALE = 3.5;
/** Markers shrink a little on a crowded, zoomed-out plan and keep their full size from this zoom on. */
const MARKER_FULL_SCALE = 10;

type Gesture =
  | { kind: "press"; start: Point; view: Viewport; moved: boolean; target: EventTarget | null }
  | { kind: "pinch"; distance: number; mid: Point; view: Viewport }
  | { kind: "rectangle"; start: Point; startScreen: Point };

const pointsAttribute = (ring: readonly Point[]): string => ring.map(([x, y]) => `${x},${y}`).join(" ");

function boxOf(spaces: readonly Space[]): Box | null {
  if (spaces.length === 0) return null;
  const box = {
    minX: Number.POSITIVE_INFINITY,
    minY: Number.POSITIVE_INFINITY,
    maxX: Number.NEGATIVE_INFINITY,
    maxY: Number.NEGATIVE_INFINITY,
  };
  for (const space of spaces)
    for (const [x, y] of space.polygon) {
      box.minX = Math.min(box.minX, x);
      box.minY = Math.min(box.minY, y);
      box.maxX = Math.max(box.maxX, x);
      box.maxY = Math.max(box.maxY, y);
    }
  return box;
}

/** The spaces' geometry: memoised so that panning (which only changes the group's transform) redraws none. */
const SpaceShapes = memo(function SpaceShapes({
  spaces,
  spaceFill,
}: {
  spaces: readonly Space[];
  spaceFill: SpaceFillFunction | undefined;
}) {
  return (
    <g className="plan-spaces">
      {spaces.map((space) => {
        const custom = spaceFill?.(space);
        return (
          <polygon
            key={space.id}
            data-space-id={space.id}
            className={`plan-space status-${space.status}`}
            points={pointsAttribute(space.polygon)}
            fill={custom?.fill ?? KIND_FILL[space.kind]}
            fillOpacity={custom?.opacity ?? (space.status === "ruled_out" ? 0.35 : 1)}
            // Suspected and ruled-out spaces get a dashed or dotted outline among the decorations.
            stroke={space.status === "suspected" || space.status === "ruled_out" ? "none" : OUTLINE}
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          >
            <title>{space.name}</title>
          </polygon>
        );
      })}
    </g>
  );
});

export function PlanCanvas(props: PlanCanvasProps) {
  const {
    spaces,
    openings,
    levelStatus,
    belowGround,
    selection,
    onSelect,
    tool,
    onDrawn,
    onPointPicked,
    onCancelTool,
    pending,
    spaceFill,
    layers = [],
    onPickItem,
    fitKey,
    label,
  } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const uid = useId().replace(/:/g, "");
  const container = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<Viewport>({ scale: 4, tx: 0, ty: 0 });
  const fittedFor = useRef<string | null>(null);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const [hover, setHover] = useState<Point | null>(null);
  const [polygonPoints, setPolygonPoints] = useState<Point[]>([]);
  const [rectStart, setRectStart] = useState<Point | null>(null);
  const [keyboardCursor, setKeyboardCursor] = useState(false);

  const spacesById = useMemo(() => new Map(spaces.map((space) => [space.id, space])), [spaces]);

  // Follow the container's size.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize({ width: Math.round(width), height: Math.round(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit = useCallback(() => {
    const box = boxOf(spaces);
    if (!box || size.width === 0) return;
    setView(fitBox(box, size.width, size.height));
  }, [spaces, size]);

  // Fit once per site, when there is something to fit; switching levels keeps the view, so that a place
  // on one floor stays under the same spot of the screen on the floor below.
  useEffect(() => {
    if (fittedFor.current === fitKey || size.width === 0 || spaces.length === 0) return;
    fittedFor.current = fitKey;
    fit();
  }, [fitKey, size.width, spaces.length, fit]);

  // Bring a selection made elsewhere (the list of spaces, a link) into view when it is off screen.
  const selectedPoint = useMemo((): Point | null => {
    if (selection?.kind === "space") {
      const space = spacesById.get(selection.id);
      return space ? centroid(space.polygon) : null;
    }
    if (selection?.kind === "opening") return openings.find((o) => o.id === selection.id)?.position ?? null;
    return null;
  }, [selection, spacesById, openings]);
  useEffect(() => {
    if (!selectedPoint || size.width === 0) return;
    setView((current) => {
      const [sx, sy] = toScreen(current, selectedPoint);
      const margin = 40;
      if (sx >= margin && sy >= margin && sx <= size.width - margin && sy <= size.height - margin)
        return current;
      return panBy(current, size.width / 2 - sx, size.height / 2 - sy);
    });
  }, [selectedPoint, size.width, size.height]);

  // A change of tool abandons a half-drawn shape.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on tool change only
  useEffect(() => {
    setPolygonPoints([]);
    setRectStart(null);
  }, [tool]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      const factor = Math.exp(-delta * 0.0015);
      setView((current) => zoomAt(current, factor, [event.clientX - rect.left, event.clientY - rect.top]));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, []);

  const localPoint = (event: { clientX: number; clientY: number }): Point => {
    const rect = svg.current?.getBoundingClientRect();
    return rect ? [event.clientX - rect.left, event.clientY - rect.top] : [0, 0];
  };
  const centre: Point = [size.width / 2, size.height / 2];

  const finishPolygon = (points: readonly Point[]) => {
    const ring = cleanRing(points);
    if (ring.length >= 3) {
      onDrawn?.(ring);
      setPolygonPoints([]);
    }
  };

  const finishRectangle = (a: Point, b: Point) => {
    setRectStart(null);
    if (Math.abs(a[0] - b[0]) < 0.2 || Math.abs(a[1] - b[1]) < 0.2) return; // a slip, not a room
    onDrawn?.(rectangle(a, b));
  };

  /** A click (or Space/Enter at the crosshair) at a screen point, for the current tool. */
  const actAt = (screen: Point, target: EventTarget | null) => {
    const world = snapPoint(toWorld(view, screen));
    switch (tool) {
      case "select": {
        const element = target instanceof Element ? target : null;
        const itemId = element?.closest("[data-plan-item]")?.getAttribute("data-plan-item");
        if (itemId && onPickItem) return onPickItem(itemId);
        const openingId = element?.closest("[data-opening-id]")?.getAttribute("data-opening-id");
        if (openingId) return onSelect({ kind: "opening", id: openingId });
        const spaceId = element?.closest("[data-space-id]")?.getAttribute("data-space-id");
        if (spaceId) return onSelect({ kind: "space", id: spaceId });
        if (target === null) {
          const space = spaceAt(toWorld(view, screen), spaces);
          return onSelect(space ? { kind: "space", id: space.id } : null);
        }
        return onSelect(null);
      }
      case "rectangle":
        if (rectStart) finishRectangle(rectStart, world);
        else setRectStart(world);
        return;
      case "polygon": {
        const first = polygonPoints[0];
        if (first && polygonPoints.length >= 3) {
          const [fx, fy] = toScreen(view, first);
          if (Math.hypot(fx - screen[0], fy - screen[1]) <= CLOSE_RING_PX)
            return finishPolygon(polygonPoints);
        }
        setPolygonPoints((points) => [...points, world]);
        return;
      }
      case "door":
        onPointPicked?.(world);
        return;
    }
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    setKeyboardCursor(false);
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = localPoint(event);
    pointers.current.set(event.pointerId, point);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = {
        kind: "pinch",
        distance: Math.hypot(a[0] - b[0], a[1] - b[1]),
        mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
        view,
      };
      return;
    }
    if (tool === "rectangle" && !rectStart) {
      gesture.current = { kind: "rectangle", start: snapPoint(toWorld(view, point)), startScreen: point };
      return;
    }
    gesture.current = { kind: "press", start: point, view, moved: false, target: event.target };
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const point = localPoint(event);
    setHover(snapPoint(toWorld(view, point)));
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, point);
    const current = gesture.current;
    if (!current) return;
    if (current.kind === "pinch" && pointers.current.size >= 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const distance = Math.hypot(a[0] - b[0], a[1] - b[1]);
      const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const zoomed = zoomAt(current.view, distance / Math.max(current.distance, 1), current.mid);
      setView(panBy(zoomed, mid[0] - current.mid[0], mid[1] - current.mid[1]));
    } else if (current.kind === "press") {
      const dx = point[0] - current.start[0];
      const dy = point[1] - current.start[1];
      if (!current.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      current.moved = true;
      setView(panBy(current.view, dx, dy));
    }
  };

  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const point = localPoint(event);
    pointers.current.delete(event.pointerId);
    const current = gesture.current;
    if (pointers.current.size > 0) return; // the rest of a pinch
    gesture.current = null;
    if (!current) return;
    if (current.kind === "press" && !current.moved) actAt(point, current.target);
    if (current.kind === "rectangle") {
      const moved = Math.hypot(point[0] - current.startScreen[0], point[1] - current.startScreen[1]);
      if (moved < DRAG_THRESHOLD_PX)
        setRectStart(current.start); // a click: this is the first corner
      else finishRectangle(current.start, snapPoint(toWorld(view, point)));
    }
  };

  const onPointerCancel = (event: PointerEvent<SVGSVGElement>) => {
    pointers.current.delete(event.pointerId);
    gesture.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = event.shiftKey ? PAN_STEP_PX * 4 : PAN_STEP_PX;
    const handled = (() => {
      switch (event.key) {
        case "ArrowLeft":
          setView((v) => panBy(v, step, 0));
          return true;
        case "ArrowRight":
          setView((v) => panBy(v, -step, 0));
          return true;
        case "ArrowUp":
          setView((v) => panBy(v, 0, step));
          return true;
        case "ArrowDown":
          setView((v) => panBy(v, 0, -step));
          return true;
        case "+":
        case "=":
          setView((v) => zoomAt(v, ZOOM_STEP, centre));
          return true;
        case "-":
        case "_":
          setView((v) => zoomAt(v, 1 / ZOOM_STEP, centre));
          return true;
        case "0":
          fit();
          return true;
        case " ":
          actAt(centre, null);
          return true;
        case "Enter":
          if (tool === "polygon" && polygonPoints.length >= 3) finishPolygon(polygonPoints);
          else actAt(centre, null);
          return true;
        case "Backspace":
          if (tool !== "polygon" || polygonPoints.length === 0) return false;
          setPolygonPoints((points) => points.slice(0, -1));
          return true;
        case "Escape":
          if (polygonPoints.length > 0 || rectStart) {
            setPolygonPoints([]);
            setRectStart(null);
          } else if (tool !== "select") onCancelTool?.();
          else if (selection) onSelect(null);
          else return false;
          return true;
        default:
          return false;
      }
    })();
    if (handled) {
      event.preventDefault();
      setKeyboardCursor(true);
    }
  };

  const layerContext: PlanLayerContext = {
    view,
    width: size.width,
    height: size.height,
    toScreen: (point) => toScreen(view, point),
  };
  const screenRing = (ring: readonly Point[]) => pointsAttribute(ring.map((p) => toScreen(view, p)));

  const selectedSpace = selection?.kind === "space" ? spacesById.get(selection.id) : undefined;
  const decorated = spaces.filter((space) => space.status !== "known" || space.kind === "unknown");

  const cursorWorld = keyboardCursor ? snapPoint(toWorld(view, centre)) : hover;
  const draftRing: Point[] | null =
    tool === "rectangle" && rectStart && cursorWorld
      ? rectangle(rectStart, cursorWorld)
      : tool === "polygon" && polygonPoints.length > 0
        ? [...polygonPoints, ...(cursorWorld ? [cursorWorld] : [])]
        : null;

  const barMetres = scaleBarMetres(view.scale);
  const showMarkers = view.scale >= MARKER_MIN_SCALE;
  const markerScale = Math.min(1, Math.max(0.65, view.scale / MARKER_FULL_SCALE));
  const labelFontPx = 11;

  return (
    <div
      ref={container}
      className={`plan-canvas level-${levelStatus} ${belowGround ? "below-ground" : "above-ground"} tool-${tool}`}
    >
      <svg
        ref={svg}
        width={size.width}
        height={size.height}
        className="plan-svg"
        role="application"
        aria-label={label}
        aria-describedby={`${uid}-help`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application": the plan handles its own keys
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onPointerLeave={() => setHover(null)}
        onDoubleClick={() => tool === "polygon" && finishPolygon(polygonPoints)}
        onKeyDown={onKeyDown}
        onBlur={() => setKeyboardCursor(false)}
      >
        <defs>
          <pattern id={`${uid}-hatch`} patternUnits="userSpaceOnUse" width={8} height={8}>
            <path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke="#6b5d45" strokeWidth={1.2} />
          </pattern>
          <pattern id={`${uid}-cross`} patternUnits="userSpaceOnUse" width={10} height={10}>
            <path d="M0 0 L10 10 M10 0 L0 10" stroke="#868e96" strokeWidth={0.8} />
          </pattern>
        </defs>
        <g transform={svgTransform(view)}>
          {layers.map((layer) => (layer.under ? <g key={layer.id}>{layer.under(layerContext)}</g> : null))}
          <SpaceShapes spaces={spaces} spaceFill={spaceFill} />
          <g className="plan-leaves">
            {openings.map((opening) => {
              const space = spacesById.get(opening.spaceAId) ?? spacesById.get(opening.spaceBId ?? "");
              if (!space) return null;
              const [dx, dy] = wallDirection(opening.position, space.polygon);
              const [x, y] = opening.position;
              const half = opening.widthM / 2;
              return (
                <line
                  key={opening.id}
                  x1={x - dx * half}
                  y1={y - dy * half}
                  x2={x + dx * half}
                  y2={y + dy * half}
                  stroke={STATE_FILL[opening.barrier.state]}
                  strokeWidth={0.35}
                  strokeLinecap="butt"
                />
              );
            })}
          </g>
          {layers.map((layer) => (layer.world ? <g key={layer.id}>{layer.world(layerContext)}</g> : null))}
        </g>

        <g className="plan-decorations" pointerEvents="none">
          {decorated.map((space) => {
            const ring = screenRing(space.polygon);
            const hatch =
              space.status === "suspected" || space.kind === "unknown"
                ? `url(#${uid}-hatch)`
                : space.status === "ruled_out"
                  ? `url(#${uid}-cross)`
                  : "none";
            return (
              <g key={space.id}>
                {hatch !== "none" && <polygon points={ring} fill={hatch} />}
                <polygon
                  points={ring}
                  fill="none"
                  stroke={OUTLINE}
                  strokeWidth={space.status === "confirmed" ? 2.5 : 1.5}
                  strokeDasharray={
                    space.status === "suspected" ? "6 4" : space.status === "ruled_out" ? "2 3" : undefined
                  }
                />
              </g>
            );
          })}
          {selectedSpace && (
            <polygon
              points={screenRing(selectedSpace.polygon)}
              fill={SELECTED}
              fillOpacity={0.12}
              stroke={SELECTED}
              strokeWidth={3}
            />
          )}
          {pending?.polygon && (
            <polygon
              points={screenRing(pending.polygon)}
              fill={DRAFT}
              fillOpacity={0.18}
              stroke={DRAFT}
              strokeWidth={2}
              strokeDasharray="5 3"
            />
          )}
        </g>

        <g className="plan-labels" pointerEvents="none">
          {spaces.map((space) => {
            if (!space.name) return null;
            const xs = space.polygon.map((p) => p[0]);
            const ys = space.polygon.map((p) => p[1]);
            const widthPx = (Math.max(...xs) - Math.min(...xs)) * view.scale;
            const heightPx = (Math.max(...ys) - Math.min(...ys)) * view.scale;
            const textPx = space.name.length * labelFontPx * 0.6;
            if (heightPx < labelFontPx * 1.6 || widthPx < textPx + 4) return null;
            const [sx, sy] = toScreen(view, centroid(space.polygon));
            if (sx < -50 || sy < -20 || sx > size.width + 50 || sy > size.height + 20) return null;
            return (
              <text
                key={space.id}
                x={sx}
                y={sy + labelFontPx * 0.35}
                textAnchor="middle"
                fontSize={labelFontPx}
                className="plan-label"
              >
                {space.name}
              </text>
            );
          })}
        </g>

        <g className="plan-openings">
          {openings.map((opening) => {
            const [sx, sy] = toScreen(view, opening.position);
            if (sx < -20 || sy < -20 || sx > size.width + 20 || sy > size.height + 20) return null;
            const selected = selection?.kind === "opening" && selection.id === opening.id;
            return (
              <g
                key={opening.id}
                data-opening-id={opening.id}
                transform={`translate(${sx} ${sy}) scale(${markerScale})`}
                className="plan-opening"
              >
                <title>{opening.name}</title>
                {showMarkers || selected ? (
                  <OpeningGlyph
                    kind={opening.kind}
                    state={opening.barrier.state}
                    lock={opening.barrier.lock}
                    concealed={opening.barrier.concealed}
                    selected={selected}
                  />
                ) : (
                  <circle r={3} fill={STATE_FILL[opening.barrier.state]} />
                )}
              </g>
            );
          })}
        </g>

        {layers.map((layer) =>
          layer.screen ? (
            <g key={layer.id} pointerEvents="none">
              {layer.screen(layerContext)}
            </g>
          ) : null,
        )}

        <g className="plan-draft" pointerEvents="none">
          {draftRing && (
            <polygon
              points={screenRing(draftRing)}
              fill={DRAFT}
              fillOpacity={0.12}
              stroke={DRAFT}
              strokeWidth={2}
              strokeDasharray={tool === "polygon" ? "5 3" : undefined}
            />
          )}
          {tool === "polygon" &&
            polygonPoints.map((point, index) => {
              const [sx, sy] = toScreen(view, point);
              return (
                <circle
                  // biome-ignore lint/suspicious/noArrayIndexKey: corners are only appended or popped
                  key={index}
                  cx={sx}
                  cy={sy}
                  r={index === 0 ? 6 : 4}
                  fill="#fff"
                  stroke={DRAFT}
                  strokeWidth={2}
                />
              );
            })}
          {pending?.point &&
            (() => {
              const [sx, sy] = toScreen(view, pending.point);
              return <circle cx={sx} cy={sy} r={9} fill="none" stroke={DRAFT} strokeWidth={3} />;
            })()}
          {keyboardCursor && (
            <g transform={`translate(${centre[0]} ${centre[1]})`} className="plan-crosshair">
              <circle r={10} fill="none" stroke="#fff" strokeWidth={4} />
              <circle r={10} fill="none" stroke={DRAFT} strokeWidth={2} />
              <path d="M-18 0 H-6 M6 0 H18 M0 -18 V-6 M0 6 V18" stroke={DRAFT} strokeWidth={2} />
            </g>
          )}
        </g>

        <g className="plan-scale" transform={`translate(12 ${size.height - 14})`} pointerEvents="none">
          <rect
            x={-4}
            y={-18}
            width={barMetres * view.scale + 8}
            height={26}
            fill="#fff"
            fillOpacity={0.8}
            rx={3}
          />
          <path
            d={`M0 -4 V0 H${barMetres * view.scale} V-4`}
            stroke="#1d232a"
            strokeWidth={1.5}
            fill="none"
          />
          <text x={(barMetres * view.scale) / 2} y={-6} textAnchor="middle" fontSize={11} fill="#1d232a">
            {t("plan.metres", { value: format.number(barMetres) })}
          </text>
        </g>
      </svg>

      <p id={`${uid}-help`} className="visually-hidden">
        {t(`plan.help.${tool}`)} {t("plan.help.navigation")}
      </p>
      {cursorWorld && (
        <p className="plan-coordinates" aria-hidden="true" dir="ltr">
          {format.number(cursorWorld[0], 1)}, {format.number(cursorWorld[1], 1)}
        </p>
      )}
      <div className="plan-zoom">
        <button
          type="button"
          aria-label={t("plan.zoom.in")}
          title={t("plan.zoom.in")}
          onClick={() => setView((v) => zoomAt(v, ZOOM_STEP, centre))}
        >
          +
        </button>
        <button
          type="button"
          aria-label={t("plan.zoom.out")}
          title={t("plan.zoom.out")}
          onClick={() => setView((v) => zoomAt(v, 1 / ZOOM_STEP, centre))}
        >
          −
        </button>
        <button type="button" aria-label={t("plan.zoom.fit")} title={t("plan.zoom.fit")} onClick={fit}>
          <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M1 5 V1 H5 M11 1 H15 V5 M15 11 V15 H11 M5 15 H1 V11"
              stroke="currentColor"
              fill="none"
              strokeWidth={2}
            />
          </svg>
        </button>
      </div>
    </div>
  );
}
