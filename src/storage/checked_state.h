#pragma once
/// Remembering that a database file was found sound, so that the next program to write it need not
/// read all of it again while nothing else has touched it.
///
/// Before its first write a process checks the whole file (SQLite's integrity check: about a second on
/// a clinic of 20,000 patients). A program that checked the file, or found it unchanged since such a
/// check, records the file's state when it closes the file (clinic.db.checked beside clinic.db):
/// device, inode, size, modification and change times of the database and of a write-ahead log that
/// holds changes. Any other program's write, a restore or a copy over the file changes that state, and
/// the next writer checks in full again. The record is not a safeguard against tampering (the audit
/// trail's MACs are, and they are checked before every session's first write regardless); at worst a
/// missing or stale record costs one full check.

#include <filesystem>
#include <string>

namespace ankylos::storage {

/// clinic.db.checked for clinic.db.
std::filesystem::path checkedStatePath(const std::filesystem::path& database);

/// Whether database is in the state recorded after its last check (a state of "" never is).
bool unchangedSinceCheck(const std::filesystem::path& database);

/// Records database's current state as checked. Call it only when no connection of this program has
/// the file open, after a check passed and only sound writes followed. A failure is ignored: the next
/// writer then checks in full.
void recordCheckedState(const std::filesystem::path& database) noexcept;

}  // namespace ankylos::storage
