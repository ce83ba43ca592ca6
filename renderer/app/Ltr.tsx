/**
 * Text that always reads left to right (phone numbers, e-mail addresses, postal codes)
 * inside a right-to-left page. <bdi> isolates it so the surrounding Persian text does not
 * reorder its parts ("+98 912…" must not become "912… 98+").
 */
import type { ReactNode } from 'react';

export function Ltr({ children, testId, className }: { children: ReactNode; testId?: string; className?: string }) {
  return (
    <bdi dir="ltr" data-testid={testId} className={className}>
      {children}
    </bdi>
  );
}
