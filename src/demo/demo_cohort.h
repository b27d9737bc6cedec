#pragma once
/// A deterministic demo cohort (ankylos_demo: generated over core, written through storage's
/// interface): realistic, invented patients with ankylosing spondylitis, so that a
/// new user opening the demo sees a living clinic and benchmarks have thousands of patients.
/// Nobody in it is real; every record passes core's validation (validatePatient, validateVisits,
/// validatePelvicFilm) with no hard error and no soft warning.
///
/// What a patient looks like (the shape of published AS cohorts, not a statistical model of one):
/// - about 70 % men; HLA-B27 about 85 % positive; symptom onset mostly in the twenties (some teens
///   and thirties), diagnosis some years later; clinic IDs "AS-000001" (index + 1); names from a
///   list of Latin-script and Chinese (written in Chinese characters) names.
/// - 2 to 10 visits over 1 to 12 years, the last one at most 18 months before `today`, none after
///   it and none before birth; one pelvic film (sacroiliitis grades) at diagnosis.
/// - Lateral spine films about every 2 years at visit dates. Each patient has a progression
///   tendency (about a third never progress; about one in five progress by 2 mSASSS units a year
///   or more); grades only move up (0 -> 1 -> 2 -> 3), syndesmophytes appear at single corners and
///   bridging (both corners of a disc space at once) comes later, in both segments. Some
///   sites are not assessable (overprojected T1_sup, lumbar view starting below T12, spinal
///   hardware, a missing cervical view), always with a reason. A quarter of the patients have every
///   film read by "Reader A" and "Reader B", who differ by one grade at a few sites; both readers'
///   grades still only move up. Across the cohort mSASSS rises by about 1 unit a year.
/// - About one patient in five has a low-dose CT of the spine every two years (730 +- 30 days) from one
///   of the earlier visits on, by one scanner, read by "Reader A" within three weeks (docs/methods.md
///   12). CTSS grades follow the same damage as the films through per-quadrant thresholds, so they
///   only move up; a thoracic quadrant's first syndesmophyte comes at a third of the damage of a
///   cervical or lumbar one, so new bone on CT is mostly thoracic (the SIAS pattern). A few quadrants
///   are not assessable (streaks at the cervicothoracic junction, fusion hardware at L4/L5 and
///   L5/S1, about one scan in twenty stopping above S1), always with a reason. The CT scans come from a
///   third engine of the patient, so they left the rest of the cohort as it was.
/// - BASDAI items, patient global, BASFI items and BASMI measurements follow a per-patient disease
///   activity (and, for BASFI and BASMI, the spinal damage and age).
/// - A treatment course that passes core::validateTreatmentCourse, every date between symptom onset
///   and `today`: NSAIDs first (from around the diagnosis; some switch once or twice); sulfasalazine
///   for some, mostly those with peripheral arthritis; about 40 % ever start a TNF inhibitor (or, in
///   about one in five, an IL-17 inhibitor) a few weeks after a visit whose ASDAS shows high disease
///   activity (>= 2.1), after which activity and CRP fall and progression slows. About a quarter
///   switch for inefficacy (the next biologic starts the day after the last stops); some stop for an
///   adverse event (most restart another after a few weeks) or in remission.
/// - The rest of the ASAS core set at most visits: physician global (steps of 0.5, following
///   activity), MASES (all 13 sites), 44-joint counts (mostly 0), dactylitis (rare), and uveitis
///   (about 30 % of patients, some recurrent), psoriasis (about 10 %) and IBD (about 5 %) from their
///   first episode on. The course and the core set come from a second engine of the patient, so
///   that they leave the rest of the patient as it was.
/// - CRP (mg/L or, from some laboratories, mg/dL; below the detection limit when low) and ESR
///   (mm/h) at most visits; MMP-3 (ng/mL), DKK-1 (pg/mL or ng/mL) and sclerostin (pmol/L or
///   ng/mL), with assay names, at film visits of a biomarker-study subset; DXA (lumbar spine with
///   its vertebrae, femoral neck, total hip; device-reported T and Z; "Hologic"/"GE Lunar"
///   devices) at some visits, with the lumbar value raised by lumbar syndesmophytes (the AS caveat
///   of docs/methods.md 5); menopausal status of women at every visit; occasional notes.
///
/// Determinism: each patient comes from its own std::mt19937_64, seeded from a mix of `seed` and
/// `index`, so patients can be made in any order or in parallel. Uniform numbers are taken from the
/// engine's raw 64-bit output (whose sequence the standard fixes) rather than from std::
/// distributions (whose output differs between standard libraries); normal and exponential numbers
/// use std::log, std::sqrt and std::cos, so a platform whose libm differs in the last bit could in
/// principle round one value differently.

#include <cstdint>
#include <functional>
#include <optional>

#include "core/patient_history.h"
#include "storage/database.h"
#include "storage/visit_import.h"

namespace ankylos::demo {

/// Patient number `index` (0-based) of the demo cohort for `seed`: the same (seed, index, today)
/// always gives the same patient. Every date lies between the date of birth and `today`.
/// Throws core::ValidationError when index is negative.
core::PatientHistory demoPatient(std::uint64_t seed, int index, core::Date today);

/// Writes patients [first, end) of the demo cohort for seed through storage::importHistories (the
/// treatment courses through storage::TreatmentRepository), all of them or none: one transaction for the
/// whole cohort, whatever its size, so an interrupted demo (a kill, a full disk, Cancel) leaves no partial
/// cohort. Patients are made and imported in batches of `batch` (savepoints inside that transaction), so
/// memory stays small. After each batch progress(patients written so far) is called; returning false rolls
/// everything back and returns nullopt. Returns what was written.
std::optional<storage::ImportSummary> writeDemoCohort(storage::Database& db, std::uint64_t seed, int first,
                                                      int end, core::Date today, int batch = 500,
                                                      const std::function<bool(int)>& progress = {});

}  // namespace ankylos::demo
