// Whether the backend answers: asks app.info at start and again every few seconds while it does not,
// so the status shows "Connected" (with the version) or why not.
import { useEffect, useState } from 'react';
import type { AppInfo, LayerwiseApi } from '../../../engine/api/contract';

export type Connection =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected'; readonly info: AppInfo }
  | { readonly state: 'disconnected'; readonly reason: string };

const RETRY_MS = 3000;

export function useConnection(api: LayerwiseApi): Connection {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      api.call('app.info', {}).then(
        (info) => !stopped && setConnection({ state: 'connected', info }),
        (error: Error) => {
          if (stopped) return;
          setConnection({ state: 'disconnected', reason: error.message });
          timer = setTimeout(check, RETRY_MS);
        },
      );
    };
    check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);
  return connection;
}
