// What a collapsed side panel leaves behind: a narrow strip with one button that brings it back, so a
// hidden panel is always one click or keypress away.
export function PanelRail({
  label,
  side,
  onExpand,
}: {
  label: string;
  side: 'left' | 'right';
  onExpand: () => void;
}) {
  return (
    <div className={`panel-rail panel-rail-${side}`}>
      <button type="button" className="panel-toggle" aria-label={label} title={label} onClick={onExpand}>
        <span aria-hidden="true">{side === 'left' ? '»' : '«'}</span>
      </button>
    </div>
  );
}
