/** Where the APIs and issuers are: served as /config.json by whoever serves the app (the local stack does). */
export interface AppConfig {
  clinicalApi: string;
  portalApi: string;
  staffIssuer: string;
  patientIssuer: string;
  clientId: string;
  redirectPath: string;
}

let loaded: AppConfig | undefined;

export async function loadConfig(): Promise<AppConfig> {
  if (!loaded) {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
    loaded = (await response.json()) as AppConfig;
  }
  return loaded;
}

export function config(): AppConfig {
  if (!loaded) throw new Error('configuration not loaded yet');
  return loaded;
}
