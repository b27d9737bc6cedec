#pragma once
/// The visit form's ASAS core set beyond BASDAI, ASDAS, BASFI and BASMI (docs/methods.md 9): the
/// physician's global assessment, the 44-joint counts, dactylitis, MASES by site and the
/// extra-articular manifestations. Every item is optional and "not recorded" is never 0: a MASES site
/// is a three-state box (not examined, not tender, tender), a manifestation "not recorded" until chosen.

#include <wx/panel.h>

#include <array>

#include "core/asas_core_set.h"
#include "ui/editor_fields.h"

class wxCheckBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

class CoreSetFields : public wxPanel {
public:
    /// Builds the fields inside placeholder (the form's empty panel).
    explicit CoreSetFields(wxWindow* placeholder);

    void set(const core::AsasCoreSet& items);
    /// What is typed; a field that cannot be read adds core's problem (field, text, what is allowed).
    core::AsasCoreSet read(core::Validation& problems) const;
    /// Registers every field under core's field names, messages on line.
    void registerFields(ProblemMarker& marker, wxStaticText* line);
    /// "MASES 2 (13 sites examined)" or why it is not computable: core's total of what is ticked.
    wxString masesSummary() const;

    wxTextCtrl* physicianGlobal() const { return m_physicianGlobal; }
    wxCheckBox* masesSite(core::MasesSite site) const { return m_mases[static_cast<int>(site)]; }
    wxChoice* manifestation(core::Manifestation m) const { return m_status[static_cast<int>(m)]; }
    wxTextCtrl* lastEpisode(core::Manifestation m) const { return m_lastEpisode[static_cast<int>(m)]; }
    wxTextCtrl* swollenJoints() const { return m_swollen; }
    wxTextCtrl* tenderJoints() const { return m_tender; }
    wxTextCtrl* dactylitis() const { return m_dactylitis; }

private:
    wxTextCtrl* addNumber(wxSizer* grid, const wxString& label, const wxString& tooltip);
    void updateMasesSummary();

    wxTextCtrl* m_physicianGlobal;
    wxTextCtrl* m_swollen;
    wxTextCtrl* m_tender;
    wxTextCtrl* m_dactylitis;
    std::array<wxCheckBox*, core::kMasesSiteCount> m_mases{};
    wxStaticText* m_masesTotal;
    std::array<wxChoice*, 3> m_status{};
    std::array<wxTextCtrl*, 3> m_lastEpisode{};
};

}  // namespace ankylos::ui
