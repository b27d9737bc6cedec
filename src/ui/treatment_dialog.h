#pragma once
/// One treatment episode (docs/methods.md 10): the drug from the shipped catalogue (typed by its first
/// letters; its class and ATC code shown under the fields), an optional brand, start and stop dates,
/// dose and frequency, route and the reason for stopping. The same dialog stops an ongoing episode
/// (only the stop date and reason can be typed) and switches to another drug (the next drug's fields,
/// and why the previous one was stopped). Problems name the field, the value and what is allowed.

#include <wx/dialog.h>

#include <functional>
#include <optional>

#include "core/patient.h"
#include "core/treatment.h"
#include "ui/editor_fields.h"

class wxChoice;
class wxComboBox;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

enum class TreatmentEntry {
    New,     ///< a new episode (ongoing, or a past one with its stop date)
    Edit,    ///< a correction of a saved episode
    Stop,    ///< the stop date and reason of an ongoing episode
    Switch,  ///< the next drug; the reason chosen is the previous episode's reason for stopping
};

/// Saves what was entered; throws ankylos::Error to refuse (the dialog shows it and stays open). For
/// a switch, episode is the next drug's (ongoing) and stopReason is the previous episode's.
using SaveTreatment = std::function<void(const core::TreatmentEpisode& episode)>;

/// Opens the dialog on episode (for New and Switch, a drug-less episode starting today; for Stop, the
/// ongoing episode). previous: the episode switched from (Switch only). True when saved; episode then
/// holds what was saved.
bool editTreatment(wxWindow* parent, TreatmentEntry entry, const core::Patient& patient,
                   core::TreatmentEpisode& episode, const SaveTreatment& save,
                   const core::TreatmentEpisode* previous = nullptr);

/// "Adalimumab": the catalogue's label (the ID itself for a drug not in the catalogue).
wxString drugLabel(const std::string& drugId);
/// "Adalimumab (TNF inhibitor, L04AB04)": how the dialog's drug list names a catalogue drug.
wxString drugText(const std::string& drugId);

/// The dialog behind editTreatment, public so tests can drive it without a modal loop.
class TreatmentDialog : public wxDialog {
public:
    TreatmentDialog(wxWindow* parent, TreatmentEntry entry, const core::Patient& patient,
                    const SaveTreatment& save, const core::TreatmentEpisode* previous);

    void TransferTo(const core::TreatmentEpisode& episode);
    /// Reads the fields; false (with the problems shown under the fields) when one cannot be read or
    /// core::validateTreatmentEpisode finds a problem.
    bool TransferFrom(core::TreatmentEpisode& episode);
    bool trySave();
    bool tryCancel();

    const core::TreatmentEpisode& saved() const { return m_saved; }
    wxComboBox* drug() const { return m_drug; }
    wxTextCtrl* start() const { return m_start; }
    wxTextCtrl* stop() const { return m_stop; }
    wxChoice* stopReason() const { return m_stopReason; }
    /// Every problem shown, one per line; empty when none.
    wxString problems() const;

private:
    /// Problems as the marker shows them: core names fields after the drug ("Adalimumab start
    /// date"); the dialog's fields are the drug's, whichever it is.
    wxWindow* showProblems(const std::vector<core::Problem>& problems);
    void updateDrugClass();
    void relayout();

    TreatmentEntry m_entry;
    core::Patient m_patient;
    SaveTreatment m_save;
    wxComboBox* m_drug;
    wxTextCtrl* m_brand;
    wxTextCtrl* m_start;
    wxTextCtrl* m_stop;
    wxTextCtrl* m_dose;
    wxChoice* m_route;
    wxChoice* m_stopReason;
    wxStaticText* m_drugClass;
    wxStaticText* m_summary;
    ProblemMarker m_marker{360};
    core::TreatmentEpisode m_saved;
    bool m_modified = false;
    /// The route shown is the one saved or picked, not the drug's usual one to follow the drug typed.
    bool m_routeKept = false;
};

}  // namespace ankylos::ui
