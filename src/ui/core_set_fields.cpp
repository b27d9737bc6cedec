#include "ui/core_set_fields.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cmath>

#include "core/format.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// A whole count typed in control (0 to max), nullopt when empty; anything else adds a problem.
std::optional<int> readCount(const wxTextCtrl* control, const std::string& field, int max,
                             core::Validation& problems) {
    const std::string allowed = "a whole number from 0 to " + std::to_string(max);
    const auto number = readTyped(control, problems, [&](const std::string& text) {
        const double value = core::parseNumber(text, field);
        if (value != std::floor(value))
            throw core::ValidationError(field, text, allowed);
        return value;
    });
    return number ? std::optional<int>(static_cast<int>(*number)) : std::nullopt;
}

wxString countText(const std::optional<int>& count) {
    return count ? wxString::Format("%d", *count) : wxString();
}

}  // namespace

CoreSetFields::CoreSetFields(wxWindow* placeholder) : wxPanel(placeholder) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
    m_physicianGlobal =
        addNumber(grid, _("Physician global (0-10):"),
                  _("The physician's global assessment of disease activity, 0 to 10 in steps of 0.5"));
    m_swollen = addNumber(grid, _("Swollen joints (of 44):"), _("Swollen joint count, 0 to 44"));
    m_tender =
        addNumber(grid, _("Tender joints (of 44):"), _("Tender joint count, 0 to 44 (the same joints)"));
    m_dactylitis = addNumber(grid, _("Dactylitis (digits):"), _("Digits with dactylitis, 0 to 20"));
    sizer->Add(grid, 0, wxBOTTOM, FromDIP(6));

    // MASES in body order: each box is not examined (grey), not tender (empty) or tender (ticked).
    auto* masesHeader = new wxBoxSizer(wxHORIZONTAL);
    masesHeader->Add(new wxStaticText(this, wxID_ANY, _("MASES (tick tender sites):")), 0,
                     wxALIGN_CENTER_VERTICAL);
    auto* noneTender =
        new wxButton(this, wxID_ANY, _("&Rest not tender"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    noneTender->SetToolTip(_("Marks every site not yet examined as not tender"));
    masesHeader->Add(noneTender, 0, wxLEFT, FromDIP(8));
    sizer->Add(masesHeader, 0, wxBOTTOM, FromDIP(4));
    auto* sites = new wxFlexGridSizer(2, FromDIP(2), FromDIP(12));
    for (core::MasesSite site : core::allMasesSites()) {
        auto* box = new wxCheckBox(this, wxID_ANY, coreText(core::masesSiteLabel(site)), wxDefaultPosition,
                                   wxDefaultSize, wxCHK_3STATE | wxCHK_ALLOW_3RD_STATE_FOR_USER);
        box->Set3StateValue(wxCHK_UNDETERMINED);
        m_mases[static_cast<int>(site)] = box;
        sites->Add(box);
    }
    sizer->Add(sites, 0, wxLEFT, FromDIP(8));
    m_masesTotal = new wxStaticText(this, wxID_ANY, wxString());
    sizer->Add(m_masesTotal, 0, wxTOP | wxBOTTOM, FromDIP(4));
    noneTender->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        for (wxCheckBox* box : m_mases)
            if (box->Get3StateValue() == wxCHK_UNDETERMINED)
                box->Set3StateValue(wxCHK_UNCHECKED);
        updateMasesSummary();
        // The form's change handler: the visit has unsaved changes.
        wxCommandEvent changed(wxEVT_CHECKBOX, GetId());
        ProcessWindowEvent(changed);
    });
    Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        event.Skip();
        updateMasesSummary();
    });

    auto* manifestations = new wxFlexGridSizer(3, FromDIP(4), FromDIP(8));
    for (core::Manifestation m : core::allManifestations()) {
        const int i = static_cast<int>(m);
        manifestations->Add(new wxStaticText(this, wxID_ANY, coreText(core::manifestationLabel(m)) + ":"), 0,
                            wxALIGN_CENTER_VERTICAL);
        m_status[i] = new wxChoice(this, wxID_ANY);
        m_status[i]->Append(_("not recorded"));
        for (core::ManifestationStatus status :
             {core::ManifestationStatus::Never, core::ManifestationStatus::History,
              core::ManifestationStatus::Active})
            m_status[i]->Append(coreText(core::manifestationStatusLabel(status)));
        m_status[i]->SetSelection(0);
        manifestations->Add(m_status[i]);
        m_lastEpisode[i] =
            new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(100), -1));
        m_lastEpisode[i]->SetHint(_("last episode"));
        m_lastEpisode[i]->SetToolTip(_("Date of the last episode, YYYY-MM-DD, when known"));
        manifestations->Add(m_lastEpisode[i]);
    }
    sizer->Add(manifestations, 0, wxTOP, FromDIP(4));
    SetSizer(sizer);
    updateMasesSummary();

    auto* holder = new wxBoxSizer(wxVERTICAL);
    holder->Add(this, 1, wxEXPAND);
    placeholder->SetSizer(holder);
}

wxTextCtrl* CoreSetFields::addNumber(wxSizer* grid, const wxString& label, const wxString& tooltip) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    auto* field = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(60), -1));
    field->SetToolTip(tooltip);
    grid->Add(field);
    return field;
}

void CoreSetFields::set(const core::AsasCoreSet& items) {
    m_physicianGlobal->ChangeValue(numberText(items.physicianGlobal));
    m_swollen->ChangeValue(countText(items.swollenJointCount));
    m_tender->ChangeValue(countText(items.tenderJointCount));
    m_dactylitis->ChangeValue(countText(items.dactylitisDigits));
    for (core::MasesSite site : core::allMasesSites()) {
        const auto& tender = items.mases.at(site);
        masesSite(site)->Set3StateValue(!tender   ? wxCHK_UNDETERMINED
                                        : *tender ? wxCHK_CHECKED
                                                  : wxCHK_UNCHECKED);
    }
    for (core::Manifestation m : core::allManifestations()) {
        const auto& record = items.at(m);
        manifestation(m)->SetSelection(record ? static_cast<int>(record->status) + 1 : 0);
        lastEpisode(m)->ChangeValue(record && record->lastEpisode ? dateText(*record->lastEpisode)
                                                                  : wxString());
    }
    updateMasesSummary();
}

core::AsasCoreSet CoreSetFields::read(core::Validation& problems) const {
    core::AsasCoreSet items;
    items.physicianGlobal = readNumber(m_physicianGlobal, "physician global", problems);
    items.swollenJointCount = readCount(m_swollen, "swollen joint count", 44, problems);
    items.tenderJointCount = readCount(m_tender, "tender joint count", 44, problems);
    items.dactylitisDigits = readCount(m_dactylitis, "dactylitis", 20, problems);
    for (core::MasesSite site : core::allMasesSites()) {
        const wxCheckBoxState state = masesSite(site)->Get3StateValue();
        if (state != wxCHK_UNDETERMINED)
            items.mases.at(site) = state == wxCHK_CHECKED;
    }
    for (core::Manifestation m : core::allManifestations()) {
        const int chosen = manifestation(m)->GetSelection();
        const std::string field = core::manifestationLabel(m) + " last episode";
        const auto last = readDate(lastEpisode(m), field, problems);
        if (chosen > 0)
            items.at(m) = core::ManifestationRecord{static_cast<core::ManifestationStatus>(chosen - 1), last};
        else if (last)
            problems.addError(field, core::toIsoString(*last),
                              "a date only once the status is history or active");
    }
    return items;
}

void CoreSetFields::registerFields(ProblemMarker& marker, wxStaticText* line) {
    marker.add(m_physicianGlobal, "physician global", line);
    marker.add(m_swollen, "swollen joint count", line);
    marker.add(m_tender, "tender joint count", line);
    marker.add(m_dactylitis, "dactylitis", line);
    for (core::Manifestation m : core::allManifestations()) {
        marker.add(lastEpisode(m), core::manifestationLabel(m) + " last episode", line);
        marker.add(manifestation(m), core::manifestationLabel(m), line);
    }
}

wxString CoreSetFields::masesSummary() const {
    return m_masesTotal->GetLabel();
}

void CoreSetFields::updateMasesSummary() {
    core::MasesInput input;
    for (core::MasesSite site : core::allMasesSites()) {
        const wxCheckBoxState state = masesSite(site)->Get3StateValue();
        if (state != wxCHK_UNDETERMINED)
            input.at(site) = state == wxCHK_CHECKED;
    }
    if (input.empty()) {
        m_masesTotal->SetLabel(_("MASES: not examined"));
        return;
    }
    const core::MasesResult result = core::computeMases(input);
    m_masesTotal->SetLabel(result.total ? wxString::Format(_("MASES %d of 13"), *result.total)
                                        : wxString::Format(_("MASES %s"), fromUtf8(result.reason)));
    wrapLabel(m_masesTotal, FromDIP(300));
}

}  // namespace ankylos::ui
