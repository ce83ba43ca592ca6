import { useEffect, useState } from 'react';

/** Now, refreshed each minute, so a dashboard left open overnight shows the new day. */
export function useToday(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
