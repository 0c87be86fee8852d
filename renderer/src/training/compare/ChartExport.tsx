// "CSV" and "PNG" buttons for one chart: its data points (one column per series) or its picture (the
// SVG with title and legend, at 2x), saved like any export.
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { chartPicture, pictureToPng, type LegendEntry } from './chart-image';
import { fileStem, toCsv } from './csv';
import { saveFile } from './save-file';

export interface ChartExportProps {
  readonly figure: RefObject<HTMLElement | null>;
  readonly title: string;
  readonly data: readonly Record<string, number | null>[];
  readonly xKey: string;
  readonly xLabel: string;
  readonly series: readonly (LegendEntry & { readonly key: string })[];
}

/** The chart's points as CSV: the x column, then one column per series, named as in the legend. */
export function chartCsv({ data, xKey, xLabel, series }: Omit<ChartExportProps, 'figure' | 'title'>): string {
  return toCsv(
    [xLabel, ...series.map((s) => s.name)],
    data.map((row) => [row[xKey], ...series.map((s) => row[s.key])]),
  );
}

export function ChartExport(props: ChartExportProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { figure, title, series } = props;
  const run = (task: () => Promise<unknown>) => {
    setFailure(null);
    task().catch((error: unknown) =>
      setFailure(
        t('compareRuns.chart.failed', {
          title,
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
    );
  };
  const exportPng = async () => {
    const svg = figure.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
    if (!svg || !figure.current) throw new Error(t('compareRuns.chart.notDrawn'));
    const png = await pictureToPng(chartPicture(svg, title, series, figure.current));
    await saveFile(`${fileStem(title)}.png`, png);
  };
  return (
    <div className="chart-export">
      <button
        type="button"
        aria-label={t('compareRuns.chart.exportCsv', { title })}
        onClick={() => run(() => saveFile(`${fileStem(title)}.csv`, chartCsv(props)))}
      >
        {t('compareRuns.chart.csv')}
      </button>
      <button
        type="button"
        aria-label={t('compareRuns.chart.exportPng', { title })}
        onClick={() => run(exportPng)}
      >
        {t('compareRuns.chart.png')}
      </button>
      {failure !== null && (
        <span role="alert" className="chart-export__failure">
          {failure}
        </span>
      )}
    </div>
  );
}
