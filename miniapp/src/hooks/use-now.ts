import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`: a sign-up button turns on when the window opens. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
