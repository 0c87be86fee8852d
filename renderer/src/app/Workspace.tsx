// The middle row of the workbench: layer palette | canvas | side panel, side by side in one resizable
// group. Both side panels collapse to a narrow rail (a button or a drag past their minimum) and keep
// their pixel width when the window is resized, so only the canvas grows and shrinks.
import type { ReactNode, Ref } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { Palette } from '../editor/palette/Palette';
import { layoutStorage, pageStorage, WORKSPACE_GROUP } from './panel-layout';
import { PanelRail } from './PanelRail';
import { SidePanel } from './SidePanel';
import { useCollapsible } from './useCollapsible';

const RAIL_PX = 28;

export function Workspace({ canvas, canvasRef }: { canvas: ReactNode; canvasRef: Ref<HTMLElement> }) {
  const { t } = useTranslation();
  const storage = useMemo(() => layoutStorage(pageStorage()), []);
  const layout = useDefaultLayout({ id: WORKSPACE_GROUP, storage });
  const palette = useCollapsible();
  const side = useCollapsible();
  return (
    <Group orientation="horizontal" id={WORKSPACE_GROUP} className="workspace" {...layout}>
      <Panel
        id="palette"
        className="workspace-palette"
        panelRef={palette.ref}
        onResize={palette.onResize}
        collapsible
        collapsedSize={RAIL_PX}
        minSize={150}
        maxSize={360}
        defaultSize={180}
        groupResizeBehavior="preserve-pixel-size"
      >
        {palette.collapsed ? (
          <PanelRail label={t('common.layout.showPalette')} side="left" onExpand={palette.expand} />
        ) : (
          <Palette onCollapse={palette.collapse} />
        )}
      </Panel>
      <Separator className="separator separator-vertical" aria-label={t('common.layout.resizePalette')} />
      <Panel id="canvas" minSize={280}>
        <main className="canvas-area" ref={canvasRef}>
          {canvas}
        </main>
      </Panel>
      <Separator className="separator separator-vertical" aria-label={t('common.layout.resizeSide')} />
      <Panel
        id="side"
        className="workspace-side"
        panelRef={side.ref}
        onResize={side.onResize}
        collapsible
        collapsedSize={RAIL_PX}
        minSize={240}
        maxSize={600}
        defaultSize={300}
        groupResizeBehavior="preserve-pixel-size"
      >
        {side.collapsed ? (
          <PanelRail label={t('common.layout.showSide')} side="right" onExpand={side.expand} />
        ) : (
          <SidePanel onCollapse={side.collapse} />
        )}
      </Panel>
    </Group>
  );
}
