// Renderer entry: the API client for wherever we run (Electron bridge or serve mode's WebSocket), the
// languages, the styles, and the app.
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api';
import { App } from './App';
import { applyTheme, savedTheme } from './app/useTheme';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
applyTheme(savedTheme()); // before the first paint: no flash of the wrong theme
const api = createApiClient();
createRoot(root).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
