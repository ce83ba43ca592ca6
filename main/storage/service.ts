/**
 * Data safety for the people at the desk: the store's health (and the offer of the newest
 * good backup when it is damaged), checks, backups, restore and export, and the daily
 * maintenance that runs when the desk is idle.
 */
import type { BackupInfo } from '../../db/backup';
import type { Storage, StorageHealth } from '../../db/storage';
import { statSync } from 'node:fs';
import { ApiError } from '../api/errors';
import type { Language } from '../api/messages';
import type { Logger } from '../api/log';
import { faultMessage } from './faults';
import type { BackupItem, CheckReport, ExportResult, RestoreResult, StorageStatus } from './schema';

export interface MaintenancePolicy {
  /** How often the due check runs. */
  tickMs: number;
  /** No write for this long counts as idle. */
  idleMs: number;
  /** A daily check + backup is due when the newest automatic backup is older than this. */
  everyMs: number;
}

export const DEFAULT_MAINTENANCE: MaintenancePolicy = { tickMs: 5 * 60_000, idleMs: 2 * 60_000, everyMs: 24 * 3600_000 };

const toItem = (b: BackupInfo): BackupItem => ({ name: b.name, at: b.at, reason: b.reason, bytes: b.bytes });

export class StorageService {
  private lastWriteAt: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private maintaining = false;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly language: () => Language,
    private readonly policy: MaintenancePolicy = DEFAULT_MAINTENANCE,
  ) {
    this.lastWriteAt = now();
  }

  status(): StorageStatus {
    const h: StorageHealth = this.storage.health();
    const newest = this.storage.backups()[0];
    return {
      state: h.state,
      fault: h.fault,
      message: h.fault && h.path ? faultMessage(h.fault, h.path, this.language()) : null,
      path: h.path,
      since: h.since,
      newestBackup: newest ? toItem(newest) : null,
    };
  }

  check(kind: 'quick' | 'full'): CheckReport {
    const r = this.storage.check(kind);
    return { kind: r.kind, ok: r.ok, problems: r.problems, ms: r.ms };
  }

  backups(): BackupItem[] {
    return this.storage.backups().map(toItem);
  }

  async backupNow(): Promise<BackupItem> {
    try {
      return toItem(await this.storage.backup('manual'));
    } catch (err) {
      this.storage.noticeError(err);
      this.log.error('manual backup failed', { err });
      throw new ApiError('unavailable', 'storage.backupFailed', { detail: err instanceof Error ? err.message : String(err) });
    }
  }

  restore(name: string | undefined): RestoreResult {
    if (name !== undefined && !this.storage.backups().some((b) => b.name === name)) {
      throw new ApiError('not-found', 'storage.backupNotFound');
    }
    try {
      const r = this.storage.restore(name);
      return { restored: toItem(r.restored), keptAside: r.setAside };
    } catch (err) {
      this.log.error('restore failed', { name, err });
      throw new ApiError('unavailable', 'storage.noGoodBackup');
    }
  }

  async exportStore(): Promise<ExportResult> {
    const file = await this.storage.exportTo();
    return { file, bytes: statSync(file).size };
  }

  /** A write happened: the desk is busy, maintenance waits. */
  noteWrite(): void {
    this.lastWriteAt = this.now();
  }

  /**
   * The daily quick_check of the live store and a verified backup, when due and the desk
   * has been idle; a failed check turns the store read-only (Storage.check does).
   * Returns what it did, for tests and the log.
   */
  async maintainIfDue(): Promise<'not-due' | 'busy' | 'read-only' | 'done'> {
    if (this.maintaining) return 'busy';
    const now = this.now();
    const newest = this.storage.backups().find((b) => b.reason === 'daily' || b.reason === 'pre-migration');
    if (newest && now - newest.at < this.policy.everyMs) return 'not-due';
    if (now - this.lastWriteAt < this.policy.idleMs) return 'busy';
    if (this.storage.health().state === 'read-only') return 'read-only';
    this.maintaining = true;
    try {
      const check = this.storage.check('quick');
      if (!check.ok) return 'read-only';
      await this.storage.backup('daily');
      return 'done';
    } catch (err) {
      this.storage.noticeError(err);
      this.log.error('daily maintenance failed', { err });
      return 'read-only';
    } finally {
      this.maintaining = false;
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.maintainIfDue(), this.policy.tickMs);
    // Background work must never keep a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
