#pragma once
/// A patient's record: the header (ID, name, sex, age, HLA-B27, symptom duration, diagnosis) and
/// the tabs Course (charts, the default), Visits, Treatment, Films, Progression, Pelvic films, CT scans
/// and Audit. Edits go through the data-entry dialogs and the storage repositories, which audit them in
/// the same transaction.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/patient_history.h"
#include "core/progression.h"
#include "core/settings.h"
#include "storage/database.h"
#include "ui/film_scoring.h"

class wxListCtrl;
class wxTextCtrl;
class wxListEvent;
class wxNotebook;
class wxStaticText;

namespace ankylos::ui {

class CourseCanvas;
class CtScansPage;
class PelvicFilmsPage;
class TreatmentPage;
struct SignRequest;

/// The record's tabs, in order.
enum RecordTab {
    kCourseTab,
    kVisitsTab,
    kTreatmentTab,
    kFilmsTab,
    kProgressionTab,
    kPelvicFilmsTab,
    kCtScansTab,
    kAuditTab
};

class PatientRecordPanel : public wxPanel {
public:
    /// changed is called after every write (the list and status bar refresh); back returns to the list.
    PatientRecordPanel(wxWindow* parent, storage::Database& db, std::function<void()> changed,
                       std::function<void()> back);

    /// Shows that patient (reads the history again). False when there is no such patient.
    bool showPatient(std::int64_t patientId);
    std::int64_t patientId() const { return m_patientId; }
    /// Reads the patient's history again, then fills everything (the tab shown stays). False, with
    /// nothing changed, when the patient is no longer in the database.
    bool reload();
    const core::PatientHistory& history() const { return m_history; }

    wxNotebook* tabs() const { return m_tabs; }
    CourseCanvas* course() const { return m_course; }
    wxListCtrl* visitsTable() const { return m_visits; }
    wxListCtrl* filmsTable() const { return m_films; }
    wxListCtrl* progressionTable() const { return m_progression; }
    /// The CTSS pairs of the low-dose CT scans, under the mSASSS pairs; hidden without two scans.
    wxListCtrl* ctssProgressionTable() const { return m_ctssProgression; }
    PelvicFilmsPage* pelvicFilms() const { return m_pelvicFilms; }
    CtScansPage* ctScans() const { return m_ctScans; }
    TreatmentPage* treatment() const { return m_treatment; }
    wxListCtrl* auditTable() const { return m_audit; }
    wxTextCtrl* auditDetail() const { return m_auditDetail; }

    void editPatientDetails();
    void newVisit();
    void editVisitAt(long row);
    void deleteVisitAt(long row);
    void newFilm();
    /// A new pelvic film grading (the Pelvic films tab shown).
    void newPelvicFilm();
    /// A new low-dose CT scan, then its scoring (the CT scans tab shown).
    void newCtScan();
    /// A new treatment (the Treatment tab shown).
    void newTreatment();
    void openFilmAt(long row);
    void deleteFilmAt(long row);
    /// The decoded images of the patient's film of date, for the viewer beside the scoring grid.
    std::vector<ViewerImage> filmImagesOn(core::Date date);
    /// Signs the visit, or a reading of the film, as the panel shows it (sign_dialog.h).
    void signVisitAt(long row);
    void signReadingAt(long row);

private:
    /// Fills the header, tabs and charts from m_history (and the database's settings).
    void fill();
    void fillHeader();
    void fillVisits();
    void fillFilms();
    void fillProgression();
    void fillCtssProgression();
    void fillAudit();
    /// Runs a write; on success reloads and tells the frame. Errors are shown by the caller's dialog.
    void afterWrite();
    long selectedRow(wxListCtrl* table) const;
    /// Asks to sign request's record; reloads after it, signed or not.
    void signAndShow(const SignRequest& request);

    storage::Database& m_db;
    std::function<void()> m_changed;
    std::function<void()> m_back;
    std::int64_t m_patientId = 0;
    core::PatientHistory m_history;
    /// The database's version (storage/audit.h) read just before m_history: saves and deletes made
    /// from what the panel shows are refused when someone changed that record after it.
    std::int64_t m_loadedAt = 0;
    core::Settings m_settings;
    std::optional<core::ProgressionReview> m_review;
    bool m_auditLoaded = false;

    wxStaticText* m_title;
    wxStaticText* m_details;
    wxNotebook* m_tabs;
    CourseCanvas* m_course;
    wxListCtrl* m_visits;
    wxListCtrl* m_films;
    wxListCtrl* m_progression;
    wxStaticText* m_progressionSettings;
    wxStaticText* m_ctssHeading;
    wxListCtrl* m_ctssProgression;
    PelvicFilmsPage* m_pelvicFilms;
    CtScansPage* m_ctScans;
    TreatmentPage* m_treatment;
    wxListCtrl* m_audit;
    wxTextCtrl* m_auditDetail;           ///< the selected audit row, one field per line
    std::vector<wxString> m_auditLines;  ///< per audit row: its subject and change lines
};

}  // namespace ankylos::ui
