#pragma once
/// The visit editor: everything recorded at one clinic visit (docs/methods.md 2-6) in the order
/// of the paper form, with the scores core computes from it updated as the user types. Hard
/// errors (core::validateVisit) are shown next to their field and block saving; soft warnings are
/// confirmed on save and the confirmation goes to the save function.

#include <wx/dialog.h>

#include <functional>
#include <vector>

#include "core/visit.h"
#include "ui/editor_fields.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxPanel;
class wxScrolledWindow;
class wxTextCtrl;

namespace ankylos::ui {

class CoreSetFields;

/// Called when the user saves; throws ankylos::Error to refuse (the dialog shows e.what() and stays open).
using SaveVisit = std::function<void(const core::Visit& visit, bool warningsConfirmed)>;

/// Opens the visit editor on `visit` (a default Visit for a new one: the date starts as today).
/// films decide the lumbar BMD caveat; patientVisits (the patient's stored visits) give a new CRP or
/// ESR the patient's last assay. True when saved; `visit` then holds what was saved. Every stored
/// field the form does not show (laboratory, sample type of CRP, sample dates, detection limits,
/// each site's DXA device) and the order of the values are kept as loaded.
bool editVisit(wxWindow* parent, const core::Patient& patient, const std::vector<core::Film>& films,
               const core::Settings& settings, core::Visit& visit, const SaveVisit& save,
               const std::vector<core::Visit>& patientVisits = {});

/// The dialog behind editVisit, public so tests can drive it without a modal loop.
class VisitEditor : public wxDialog {
public:
    VisitEditor(wxWindow* parent, const core::Patient& patient, const std::vector<core::Film>& films,
                const core::Settings& settings, const SaveVisit& save,
                const std::vector<core::Visit>& patientVisits = {});

    void TransferTo(const core::Visit& visit);
    /// Reads every field into visit. False, with the problems shown next to their fields, when a
    /// field cannot be read or core::validateVisit finds a hard error.
    bool TransferFrom(core::Visit& visit);

    /// Checks, asks to confirm warnings, calls the save function and closes with wxID_OK. On a
    /// problem (or when the user does not confirm) it shows why and stays open.
    bool trySave();
    /// Esc, Cancel or closing: asks before throwing changes away. True when the dialog closed.
    bool tryCancel();
    bool isModified() const { return m_modified; }

    /// What the user saved (valid after a successful save) and whether warnings were confirmed.
    const core::Visit& saved() const { return m_saved; }
    bool warningsConfirmed() const { return m_warningsConfirmed; }

    /// Adds an empty biomarker row and returns its first control.
    wxWindow* addLabRow();
    int labRowCount() const { return static_cast<int>(m_labRows.size()); }
    /// The ASAS core set fields (physician global, joint counts, MASES, manifestations).
    CoreSetFields* coreSet() const { return m_coreSet; }

private:
    /// Sizes the summary's area to its text, at most a few lines tall; more lines scroll.
    void fitSummary();
    struct LabRow {
        wxPanel* panel;
        wxChoice* analyte;
        wxTextCtrl* value;
        wxChoice* unit;
        wxTextCtrl* assay;
        wxChoice* sampleType;
        wxButton* remove;
        std::optional<core::LabValue> original;  ///< keeps what the editor does not show (laboratory, limit)
        std::size_t order = static_cast<std::size_t>(-1);  ///< place in the visit's list as loaded
    };

    wxTextCtrl* text(const char* name);
    void bindField(wxWindow* control, const std::string& field, wxStaticText* line);
    void transferLabs(const core::Visit& visit);
    void transferBmd(const core::Visit& visit);
    /// Reads the form; every reading problem goes to problems.
    core::Visit readForm(core::Validation& problems) const;
    std::vector<core::LabValue> readLabs(core::Validation& problems, core::Date sampleDate) const;
    std::optional<core::LabValue> readLabRow(const LabRow& row, core::Validation& problems,
                                             core::Date sampleDate) const;
    std::vector<core::BmdMeasurement> readBmd(core::Validation& problems) const;
    /// Re-reads the form, marks problems and updates the computed scores.
    void refresh();
    void showScores(const core::Visit& visit, const std::vector<core::Problem>& problems);
    void fillUnits(LabRow& row, const std::string& unit);
    void setLabRow(LabRow& row, const core::LabValue& value, std::size_t order);
    void removeLabRow(wxPanel* panel);
    void registerLabRows();

    core::Patient m_patient;
    std::vector<core::Film> m_films;
    std::vector<core::Visit> m_patientVisits;
    core::Settings m_settings;
    SaveVisit m_save;

    wxScrolledWindow* m_form;
    wxTextCtrl* m_date;
    wxChoice* m_menopausal;
    wxTextCtrl* m_basdai[6];
    wxTextCtrl* m_q6Minutes;
    wxTextCtrl* m_patientGlobal;
    wxTextCtrl* m_basfi[10];
    wxTextCtrl* m_basmi[8];  ///< in core::BasmiInput's member order
    wxTextCtrl* m_crp;
    wxChoice* m_crpUnit;
    wxCheckBox* m_crpBelowLimit;
    wxTextCtrl* m_crpAssay;
    wxTextCtrl* m_esr;
    wxTextCtrl* m_esrAssay;
    wxTextCtrl* m_bmd[4][3];  ///< per core::allBmdSites(): BMD, T-score, Z-score
    wxTextCtrl* m_vertebrae;
    wxTextCtrl* m_manufacturer;
    wxTextCtrl* m_model;
    wxPanel* m_labsPanel;
    wxButton* m_addLab;
    wxTextCtrl* m_notes;
    CoreSetFields* m_coreSet;
    wxStaticText* m_summary;
    wxScrolledWindow* m_summaryArea;  ///< holds m_summary; scrolls when its lines outgrow kSummaryHeight
    std::vector<core::Problem> m_problems;  ///< of the last TransferFrom
    wxStaticText* m_labsLine;

    std::vector<LabRow> m_labRows;
    std::optional<core::LabValue> m_originalCrp;
    std::optional<core::LabValue> m_originalEsr;
    std::size_t m_crpOrder = 0;  ///< places of the loaded CRP and ESR in the visit's list
    std::size_t m_esrOrder = 0;
    core::DxaDevice m_shownDevice;  ///< the device the form was loaded with
    std::vector<core::BmdMeasurement> m_originalBmd;
    core::Date m_loadedDate;  ///< the visit date TransferTo was given (not_a_date_time for a new visit)
    ProblemMarker m_marker;
    bool m_modified = false;
    bool m_loading = false;
    core::Visit m_saved;
    bool m_warningsConfirmed = false;
};

}  // namespace ankylos::ui
