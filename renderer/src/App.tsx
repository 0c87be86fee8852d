// Placeholder screen until the editor lands: the MNIST CNN template's summary, computed in the browser
// by the same engine the CLI uses.
import { compileGraph, formatSummaryTable, readModel, summarize } from '../../engine';
import template from '../../assets/templates/mnist-cnn.json';

function templateSummary(): string {
  const loaded = readModel(template);
  if (!loaded.ok) return loaded.issues.map((i) => i.message).join('\n');
  const compiled = compileGraph(loaded.model.graph);
  return compiled.ok
    ? formatSummaryTable(summarize(compiled.analysis), loaded.model.name)
    : compiled.issues.map((i) => i.message).join('\n');
}

export function App() {
  return (
    <main>
      <h1>Layerwise</h1>
      <pre aria-label="Model summary">{templateSummary()}</pre>
    </main>
  );
}
