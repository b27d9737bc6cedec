#include "ui/visit_editor.h"
#include "ui/text_wrap.h"

#include <wx/arrstr.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/display.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "ui/core_set_fields.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

// core::BasmiInput's members in the order of m_basmi, with their XRC names and core field names
// (the paper form's order: tragus-to-wall, Schober, cervical rotation, lateral flexion,
// intermalleolar distance).
struct BasmiField {
    const char* control;
    const char* field;
    std::optional<double> core::BasmiInput::*member;
};
const BasmiField kBasmiFields[8] = {
    {"basmi_tragus_left", "BASMI tragus-to-wall left", &core::BasmiInput::tragusToWallLeftCm},
    {"basmi_tragus_right", "BASMI tragus-to-wall right", &core::BasmiInput::tragusToWallRightCm},
    {"basmi_schober", "BASMI modified Schober", &core::BasmiInput::modifiedSchoberCm},
    {"basmi_rotation_left", "BASMI cervical rotation left", &core::BasmiInput::cervicalRotationLeftDegrees},
    {"basmi_rotation_right", "BASMI cervical rotation right",
     &core::BasmiInput::cervicalRotationRightDegrees},
    {"basmi_lateral_left", "BASMI lateral lumbar flexion left", &core::BasmiInput::lateralFlexionLeftCm},
    {"basmi_lateral_right", "BASMI lateral lumbar flexion right", &core::BasmiInput::lateralFlexionRightCm},
    {"basmi_intermalleolar", "BASMI intermalleolar distance", &core::BasmiInput::intermalleolarDistanceCm},
};

// BMD rows in core::allBmdSites() order: XRC name stem and core's field label (bmd.cpp siteLabel).
struct BmdRow {
    const char* control;
    const char* label;
};
const BmdRow kBmdRows[4] = {
    {"bmd_lumbar", "lumbar spine"},
    {"bmd_femoral_neck", "femoral neck"},
    {"bmd_total_hip", "total hip"},
    {"bmd_radius_33", "1/3 radius"},
};

const wxString kDash = wxString::FromUTF8("\xe2\x80\x93");  // en dash: nothing to show

/// The sample date of a lab value: one the visit was loaded with keeps its own date when it was
/// sampled on another day (a visit CSV may say so, and the editor does not show sample dates);
/// one sampled on the visit's day, or typed new, follows the visit date.
core::Date sampleDateOf(const core::LabValue& loaded, core::Date loadedVisitDate, core::Date visitDate) {
    const bool ownDay = !loaded.sampleDate.is_special() && loaded.sampleDate != loadedVisitDate;
    return ownDay ? loaded.sampleDate : visitDate;
}

/// The detection limit of a value read from the form. Below the limit ("<0.5", or the box ticked),
/// the number reported is the limit (core/lab.h), unless the value was loaded below a limit of its
/// own and its number is unchanged. A value above the limit keeps the limit it was loaded with: that
/// is the assay's, and the form does not show it.
std::optional<double> detectionLimitOf(const std::optional<core::LabValue>& loaded,
                                       const core::LabValue& read) {
    const bool same = loaded && loaded->analyte == read.analyte;
    if (!read.belowDetectionLimit)
        return same ? loaded->detectionLimit : std::nullopt;
    if (same && loaded->belowDetectionLimit && loaded->value == read.value)
        return loaded->detectionLimit;
    return read.value;
}

/// Position of a value in the visit's list when it was loaded; values added in the form come after.
constexpr std::size_t kNewValue = static_cast<std::size_t>(-1);

/// The items in the order they were loaded (each with its position), new ones last in form order:
/// a visit saved unchanged keeps the order of its values.
template <typename T>
std::vector<T> inLoadedOrder(std::vector<std::pair<std::size_t, T>> items) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> result;
    for (auto& [order, item] : items)
        result.push_back(std::move(item));
    return result;
}

bool hasErrorIn(const std::vector<core::Problem>& problems, std::initializer_list<const char*> prefixes) {
    for (const core::Problem& problem : problems) {
        if (problem.severity != core::Severity::Error)
            continue;
        for (const char* prefix : prefixes)
            if (problem.field.rfind(prefix, 0) == 0)
                return true;
    }
    return false;
}

wxString bmdCategoryText(core::BmdCategory category) {
    switch (category) {
        case core::BmdCategory::Normal:
            return _("normal");
        case core::BmdCategory::Osteopenia:
            return _("osteopenia");
        case core::BmdCategory::Osteoporosis:
            return _("osteoporosis");
        case core::BmdCategory::BelowExpectedRangeForAge:
            return _("below the expected range for age");
        case core::BmdCategory::WithinExpectedRangeForAge:
            return _("within the expected range for age");
    }
    return wxString();
}

}  // namespace

VisitEditor::VisitEditor(wxWindow* parent, const core::Patient& patient, const std::vector<core::Film>& films,
                         const core::Settings& settings, const SaveVisit& save,
                         const std::vector<core::Visit>& patientVisits)
    : m_patient(patient),
      m_films(films),
      m_patientVisits(patientVisits),
      m_settings(settings),
      m_save(save),
      m_marker(300) {
    loadDialogLayout(this, parent, "VisitEditor");
    m_form = XRCCTRL(*this, "form", wxScrolledWindow);
    m_date = text("visit_date");
    m_menopausal = XRCCTRL(*this, "menopausal", wxChoice);
    for (int i = 0; i < 6; ++i)
        m_basdai[i] = text(("basdai_q" + std::to_string(i + 1)).c_str());
    m_q6Minutes = text("basdai_q6_minutes");
    m_patientGlobal = text("patient_global");
    for (int i = 0; i < 10; ++i)
        m_basfi[i] = text(("basfi_q" + std::to_string(i + 1)).c_str());
    for (int i = 0; i < 8; ++i)
        m_basmi[i] = text(kBasmiFields[i].control);
    m_crp = text("crp_value");
    m_crpUnit = XRCCTRL(*this, "crp_unit", wxChoice);
    m_crpBelowLimit = XRCCTRL(*this, "crp_below_lod", wxCheckBox);
    m_crpAssay = text("crp_assay");
    m_esr = text("esr_value");
    m_esrAssay = text("esr_assay");
    for (int site = 0; site < 4; ++site) {
        const std::string stem = kBmdRows[site].control;
        m_bmd[site][0] = text(stem.c_str());
        m_bmd[site][1] = text((stem + "_t").c_str());
        m_bmd[site][2] = text((stem + "_z").c_str());
    }
    m_vertebrae = text("bmd_vertebrae");
    m_manufacturer = text("bmd_manufacturer");
    m_model = text("bmd_model");
    m_labsPanel = XRCCTRL(*this, "labs_panel", wxPanel);
    m_labsPanel->SetSizer(new wxBoxSizer(wxVERTICAL));
    m_addLab = XRCCTRL(*this, "add_lab", wxButton);
    m_notes = text("notes");
    m_coreSet = new CoreSetFields(XRCCTRL(*this, "core_set_panel", wxPanel));
    m_summary = XRCCTRL(*this, "summary", wxStaticText);
    m_summaryArea = XRCCTRL(*this, "summary_area", wxScrolledWindow);
    m_summaryArea->SetScrollRate(0, FromDIP(10));
    m_labsLine = XRCCTRL(*this, "labs_message", wxStaticText);

    // CRP units as core accepts them (docs/methods.md 6).
    m_crpUnit->Clear();
    for (const std::string& unit : core::acceptedUnits(core::Analyte::Crp))
        m_crpUnit->Append(fromUtf8(unit));
    m_crpUnit->SetSelection(0);

    // Field names exactly as core names them in its messages, so each problem lands by its field.
    auto line = [this](const char* name) { return XRCCTRL(*this, name, wxStaticText); };
    wxStaticText* visitLine = line("visit_message");
    bindField(m_date, "visit date", visitLine);
    bindField(m_date, "BMD scan date", visitLine);
    bindField(m_date, "CRP sample date", visitLine);
    bindField(m_date, "ESR sample date", visitLine);
    bindField(m_menopausal, "menopausal status", visitLine);
    wxStaticText* basdaiLine = line("basdai_message");
    for (int i = 0; i < 6; ++i)
        bindField(m_basdai[i], core::basdaiItemField(i + 1), basdaiLine);
    bindField(m_q6Minutes, "BASDAI Q6 morning stiffness minutes", basdaiLine);
    bindField(m_patientGlobal, "ASDAS patient global", basdaiLine);
    wxStaticText* basfiLine = line("basfi_message");
    for (int i = 0; i < 10; ++i)
        bindField(m_basfi[i], core::basfiItemField(i + 1), basfiLine);
    wxStaticText* basmiLine = line("basmi_message");
    for (int i = 0; i < 8; ++i)
        bindField(m_basmi[i], kBasmiFields[i].field, basmiLine);
    wxStaticText* labLine = line("lab_message");
    bindField(m_crp, "CRP", labLine);
    bindField(m_crpUnit, "CRP unit", labLine);
    bindField(m_crp, "CRP detection limit", labLine);
    bindField(m_esr, "ESR", labLine);
    bindField(m_esr, "ESR unit", labLine);
    bindField(m_esr, "ESR detection limit", labLine);
    wxStaticText* bmdLine = line("bmd_message");
    for (int site = 0; site < 4; ++site) {
        const std::string label = kBmdRows[site].label;
        bindField(m_bmd[site][0], label + " BMD", bmdLine);
        bindField(m_bmd[site][1], label + " T-score", bmdLine);
        bindField(m_bmd[site][2], label + " Z-score", bmdLine);
    }
    bindField(m_vertebrae, "lumbar spine vertebrae", bmdLine);
    bindField(m_vertebrae, "vertebrae", bmdLine);
    bindField(m_bmd[0][0], "BMD site", bmdLine);
    m_coreSet->registerFields(m_marker, line("core_set_message"));

    // Menopausal status is recorded for women only (docs/methods.md 7).
    const bool female = patient.sex == core::Sex::Female;
    m_menopausal->Show(female);
    XRCCTRL(*this, "menopausal_label", wxStaticText)->Show(female);

    const int age = core::ageInYears(patient.birth, today());
    XRCCTRL(*this, "patient_header", wxStaticText)
        ->SetLabel(wxString::Format(_("%s  %s, %s, %d years"), fromUtf8(patient.clinicId),
                                    fromUtf8(patient.name), female ? _("female") : _("male"), age));

    // The physician's part of the core set after what a nurse types (scores, labs, DXA, biomarker
    // rows), and the notes close the form, as on paper.
    wxWindow* coreSetPanel = m_coreSet->GetParent();
    coreSetPanel->MoveAfterInTabOrder(m_addLab);
    m_notes->MoveAfterInTabOrder(coreSetPanel);

    // Q6 may be typed as minutes of morning stiffness; core converts (docs/methods.md 2).
    m_q6Minutes->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
        event.Skip();
        core::Validation ignored;  // shown by refresh(), which reads the minutes again
        const std::optional<double> minutes =
            readNumber(m_q6Minutes, "BASDAI Q6 morning stiffness minutes", ignored);
        if (minutes && core::validateMorningStiffnessMinutes(*minutes).ok())
            m_basdai[5]->ChangeValue(
                fromUtf8(core::formatNumber(core::morningStiffnessMinutesToQ6(*minutes))));
    });
    // Typing Q6 itself replaces what came from minutes.
    m_basdai[5]->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
        event.Skip();
        m_q6Minutes->ChangeValue(wxString());
    });

    auto changed = [this](wxCommandEvent& event) {
        event.Skip();
        if (m_loading)
            return;
        m_modified = true;
        refresh();
    };
    Bind(wxEVT_TEXT, changed);
    Bind(wxEVT_CHOICE, changed);
    Bind(wxEVT_CHECKBOX, changed);
    m_addLab->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxWindow* first = addLabRow();
        m_modified = true;
        first->SetFocus();
    });
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE && event.GetModifiers() == wxMOD_NONE) {
            tryCancel();
            return;
        }
        event.Skip();
    });

    // The whole form when the screen has room for it; otherwise the form scrolls and the
    // scores and buttons stay in view.
    const wxSize content = m_form->GetSizer()->CalcMin();
    const int scrollbar = wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this);
    // GTK's multi-line fields ask for more than their sizer minimum: room for the notes too.
    m_form->SetMinSize(wxSize(content.x + scrollbar, content.y + FromDIP(40)));
    InvalidateBestSize();
    // Some slack: wrapped message lines appear under fields as the user types.
    wxSize size = GetBestSize() + wxSize(0, FromDIP(48));
    m_form->SetMinSize(wxSize(content.x + scrollbar, FromDIP(200)));
    const int index = wxDisplay::GetFromWindow(parent ? parent : this);
    const wxRect area = wxDisplay(index == wxNOT_FOUND ? 0u : static_cast<unsigned>(index)).GetClientArea();
    size.DecTo(wxSize(area.GetWidth() - FromDIP(24), area.GetHeight() - FromDIP(24)));
    SetSize(size);
    Layout();
    CentreOnScreen();
}

wxTextCtrl* VisitEditor::text(const char* name) {
    return XRCCTRL(*this, name, wxTextCtrl);
}

void VisitEditor::bindField(wxWindow* control, const std::string& field, wxStaticText* line) {
    m_marker.add(control, field, line);
}

void VisitEditor::TransferTo(const core::Visit& visit) {
    m_loading = true;
    m_loadedDate = visit.date;
    m_date->ChangeValue(dateText(visit.date.is_special() ? today() : visit.date));
    m_menopausal->SetSelection(!visit.postmenopausal ? 0 : (*visit.postmenopausal ? 2 : 1));
    const auto items = visit.basdai.items();
    for (int i = 0; i < 6; ++i)
        m_basdai[i]->ChangeValue(numberText(items[i]));
    m_q6Minutes->ChangeValue(wxString());
    m_patientGlobal->ChangeValue(numberText(visit.patientGlobal));
    for (int i = 0; i < 10; ++i)
        m_basfi[i]->ChangeValue(numberText(visit.basfi.items[i]));
    for (int i = 0; i < 8; ++i)
        m_basmi[i]->ChangeValue(numberText(visit.basmi.*kBasmiFields[i].member));

    m_coreSet->set(visit.coreSet);
    transferLabs(visit);
    transferBmd(visit);
    m_notes->ChangeValue(fromUtf8(visit.notes));
    m_loading = false;
    m_modified = false;
    refresh();
    m_date->SetFocus();
    m_date->SelectAll();
}

void VisitEditor::transferLabs(const core::Visit& visit) {
    // The first CRP and ESR go to their own rows (they feed ASDAS); every other value is a row below.
    m_originalCrp.reset();
    m_originalEsr.reset();
    for (const LabRow& row : m_labRows)
        row.panel->Destroy();
    m_labRows.clear();
    for (std::size_t i = 0; i < visit.labs.size(); ++i) {
        const core::LabValue& value = visit.labs[i];
        if (value.analyte == core::Analyte::Crp && !m_originalCrp) {
            m_originalCrp = value;
            m_crpOrder = i;
        } else if (value.analyte == core::Analyte::Esr && !m_originalEsr) {
            m_originalEsr = value;
            m_esrOrder = i;
        } else {
            addLabRow();
            setLabRow(m_labRows.back(), value, i);
        }
    }
    // A value not recorded yet is offered the patient's last assay of that analyte.
    const core::Date assayDate = visit.date.is_special() ? today() : visit.date;
    m_crpAssay->ChangeValue(fromUtf8(m_originalCrp
                                         ? m_originalCrp->assay
                                         : core::lastAssay(m_patientVisits, core::Analyte::Crp, assayDate)));
    m_esrAssay->ChangeValue(fromUtf8(m_originalEsr
                                         ? m_originalEsr->assay
                                         : core::lastAssay(m_patientVisits, core::Analyte::Esr, assayDate)));
    m_crp->ChangeValue(m_originalCrp ? numberText(m_originalCrp->value) : wxString());
    const int unit = m_originalCrp ? m_crpUnit->FindString(fromUtf8(m_originalCrp->unit), true) : 0;
    if (unit == wxNOT_FOUND)
        m_crpUnit->SetSelection(m_crpUnit->Append(fromUtf8(m_originalCrp->unit)));  // core will name it
    else
        m_crpUnit->SetSelection(unit);
    m_crpBelowLimit->SetValue(m_originalCrp && m_originalCrp->belowDetectionLimit);
    m_esr->ChangeValue(m_originalEsr ? numberText(m_originalEsr->value) : wxString());
}

void VisitEditor::transferBmd(const core::Visit& visit) {
    m_originalBmd = visit.bmd;
    for (int site = 0; site < 4; ++site)
        for (int column = 0; column < 3; ++column)
            m_bmd[site][column]->ChangeValue(wxString());
    m_vertebrae->ChangeValue(wxString());
    m_manufacturer->ChangeValue(wxString());
    m_model->ChangeValue(wxString());
    m_shownDevice = {};
    for (const core::BmdMeasurement& m : visit.bmd) {
        const auto& sites = core::allBmdSites();
        const int site = static_cast<int>(std::find(sites.begin(), sites.end(), m.site) - sites.begin());
        m_bmd[site][0]->ChangeValue(numberText(m.bmd));
        m_bmd[site][1]->ChangeValue(numberText(m.tScore));
        m_bmd[site][2]->ChangeValue(numberText(m.zScore));
        if (m.site == core::BmdSite::LumbarSpine)
            m_vertebrae->ChangeValue(fromUtf8(core::toString(m.vertebrae)));
        if (m_shownDevice.manufacturer.empty() && m_shownDevice.model.empty())
            m_shownDevice = m.device;  // one device field for the scan: the first site's
    }
    m_manufacturer->ChangeValue(fromUtf8(m_shownDevice.manufacturer));
    m_model->ChangeValue(fromUtf8(m_shownDevice.model));
}

core::Visit VisitEditor::readForm(core::Validation& problems) const {
    core::Visit visit;
    try {
        visit.date = core::parseIsoDate(trimmedText(m_date), "visit date");
    } catch (const core::ValidationError& error) {
        appendProblems(problems, error);
    }
    // A date that cannot be read still lets the rest be checked; labs need some sample date.
    const core::Date sampleDate = visit.date.is_special() ? today() : visit.date;
    if (m_menopausal->IsShown() && m_menopausal->GetSelection() > 0)
        visit.postmenopausal = m_menopausal->GetSelection() == 2;
    visit.coreSet = m_coreSet->read(problems);

    std::optional<double> items[6];
    for (int i = 0; i < 6; ++i)
        items[i] = readNumber(m_basdai[i], core::basdaiItemField(i + 1), problems);
    visit.basdai = {items[0], items[1], items[2], items[3], items[4], items[5]};
    if (const auto minutes = readNumber(m_q6Minutes, "BASDAI Q6 morning stiffness minutes", problems))
        problems.append(core::validateMorningStiffnessMinutes(*minutes));
    visit.patientGlobal = readNumber(m_patientGlobal, "ASDAS patient global", problems);
    for (int i = 0; i < 10; ++i)
        visit.basfi.items[i] = readNumber(m_basfi[i], core::basfiItemField(i + 1), problems);
    for (int i = 0; i < 8; ++i)
        visit.basmi.*kBasmiFields[i].member = readNumber(m_basmi[i], kBasmiFields[i].field, problems);

    visit.labs = readLabs(problems, sampleDate);
    visit.bmd = readBmd(problems);
    visit.notes = toUtf8(m_notes->GetValue());
    return visit;
}

std::vector<core::LabValue> VisitEditor::readLabs(core::Validation& problems, core::Date sampleDate) const {
    // Each value with its place in the list as loaded, so an unchanged visit saves in the same order.
    std::vector<std::pair<std::size_t, core::LabValue>> labs;
    if (const auto crp = readNumber(m_crp, "CRP", problems,
                                    _("for a value below the detection limit tick 'below detection limit' "
                                      "and enter the limit"))) {
        core::LabValue value = m_originalCrp.value_or(core::LabValue{});
        value.analyte = core::Analyte::Crp;
        value.value = *crp;
        value.unit = toUtf8(m_crpUnit->GetStringSelection());
        value.assay = keptText(m_crpAssay, value.assay);
        value.sampleDate = sampleDateOf(value, m_loadedDate, sampleDate);
        value.belowDetectionLimit = m_crpBelowLimit->GetValue();
        value.detectionLimit = detectionLimitOf(m_originalCrp, value);
        labs.emplace_back(m_originalCrp ? m_crpOrder : kNewValue, value);
    }
    if (const auto esr = readNumber(m_esr, "ESR", problems)) {
        core::LabValue value = m_originalEsr.value_or(core::LabValue{});
        value.analyte = core::Analyte::Esr;
        value.value = *esr;
        value.unit = core::canonicalUnit(core::Analyte::Esr);
        value.assay = keptText(m_esrAssay, value.assay);
        value.sampleDate = sampleDateOf(value, m_loadedDate, sampleDate);
        value.detectionLimit = detectionLimitOf(m_originalEsr, value);
        labs.emplace_back(m_originalEsr ? m_esrOrder : kNewValue, value);
    }
    for (const LabRow& row : m_labRows)
        if (const auto value = readLabRow(row, problems, sampleDate))
            labs.emplace_back(row.order, *value);
    return inLoadedOrder(std::move(labs));
}

std::optional<core::LabValue> VisitEditor::readLabRow(const LabRow& row, core::Validation& problems,
                                                      core::Date sampleDate) const {
    const core::Analyte analyte = core::allAnalytes()[std::max(0, row.analyte->GetSelection())];
    const std::string name = core::toString(analyte);
    std::string typed = trimmedText(row.value);
    core::LabValue value = row.original.value_or(core::LabValue{});
    value.analyte = analyte;
    // "<0.5" is a value below the detection limit of 0.5.
    value.belowDetectionLimit = !typed.empty() && typed[0] == '<';
    if (value.belowDetectionLimit)
        typed = typed.substr(1);
    if (typed.empty()) {
        problems.addError(name, trimmedText(row.value), _("a number").utf8_str().data());
        return std::nullopt;
    }
    try {
        value.value = core::parseNumber(typed, name);
    } catch (const core::ValidationError& error) {
        appendProblems(problems, error);
        return std::nullopt;
    }
    value.detectionLimit = detectionLimitOf(row.original, value);
    value.unit = toUtf8(row.unit->GetStringSelection());
    value.assay = keptText(row.assay, value.assay);
    const int sample = row.sampleType->GetSelection();
    value.sampleType = sample == 1   ? std::optional(core::SampleType::Serum)
                       : sample == 2 ? std::optional(core::SampleType::Plasma)
                                     : std::nullopt;
    value.sampleDate = sampleDateOf(value, m_loadedDate, sampleDate);
    return value;
}

std::vector<core::BmdMeasurement> VisitEditor::readBmd(core::Validation& problems) const {
    // One device field for the scan: while it shows what was loaded, each site keeps its own device.
    const core::DxaDevice typed{keptText(m_manufacturer, m_shownDevice.manufacturer),
                                keptText(m_model, m_shownDevice.model)};
    const bool deviceKept = typed == m_shownDevice;
    std::vector<std::pair<std::size_t, core::BmdMeasurement>> measurements;
    for (int site = 0; site < 4; ++site) {
        const std::string label = kBmdRows[site].label;
        const auto bmd = readNumber(m_bmd[site][0], label + " BMD", problems);
        const auto t = readNumber(m_bmd[site][1], label + " T-score", problems);
        const auto z = readNumber(m_bmd[site][2], label + " Z-score", problems);
        if (!bmd) {
            if ((t || z) && trimmedText(m_bmd[site][0]).empty())
                problems.addError(label + " BMD", "",
                                  _("a BMD in g/cm2 with its T- or Z-score").utf8_str().data());
            continue;
        }
        core::BmdMeasurement m;
        m.site = core::allBmdSites()[site];
        const auto loaded = std::find_if(m_originalBmd.begin(), m_originalBmd.end(),
                                         [&](const core::BmdMeasurement& o) { return o.site == m.site; });
        const bool wasLoaded = loaded != m_originalBmd.end();
        m.bmd = *bmd;
        m.tScore = t;
        m.zScore = z;
        m.device = deviceKept && wasLoaded ? loaded->device : typed;
        if (m.site == core::BmdSite::LumbarSpine && !trimmedText(m_vertebrae).empty()) {
            try {
                m.vertebrae = core::parseVertebrae(trimmedText(m_vertebrae), "lumbar spine vertebrae");
            } catch (const core::ValidationError& error) {
                appendProblems(problems, error);
            }
        }
        measurements.emplace_back(
            wasLoaded ? static_cast<std::size_t>(loaded - m_originalBmd.begin()) : kNewValue, m);
    }
    return inLoadedOrder(std::move(measurements));
}

void VisitEditor::refresh() {
    registerLabRows();
    core::Validation problems;
    const core::Visit visit = readForm(problems);
    if (!visit.date.is_special())
        problems.append(core::validateVisit(m_patient, visit, today()));
    else {
        core::Visit dated = visit;  // the rest is still checked while the date is unreadable
        dated.date = today();
        problems.append(core::validateVisit(m_patient, dated, today()));
    }
    m_marker.show(problems.problems(), m_summary);
    fitSummary();
    showScores(visit, problems.problems());
    m_form->FitInside();
    m_form->Layout();
    Layout();
}

void VisitEditor::showScores(const core::Visit& visit, const std::vector<core::Problem>& problems) {
    // Scores of the parts without hard errors: core scores a copy with the faulty parts left out,
    // and the faulty parts show a dash until they are corrected.
    const bool basdaiOk = !hasErrorIn(problems, {"BASDAI", "ASDAS patient global"});
    const bool labsOk = !hasErrorIn(problems, {"CRP", "ESR"});
    const bool basfiOk = !hasErrorIn(problems, {"BASFI"});
    const bool basmiOk = !hasErrorIn(problems, {"BASMI"});
    const bool bmdOk = !hasErrorIn(problems, {"lumbar spine", "femoral neck", "total hip", "1/3 radius",
                                              "BMD", "vertebrae", "visit date", "menopausal status"});
    core::Visit scorable = visit;
    if (scorable.date.is_special())
        scorable.date = today();
    if (!basdaiOk) {
        scorable.basdai = {};
        scorable.patientGlobal.reset();
    }
    if (!basfiOk)
        scorable.basfi = {};
    if (!basmiOk)
        scorable.basmi = {};
    if (!bmdOk)
        scorable.bmd.clear();
    scorable.labs.erase(std::remove_if(scorable.labs.begin(), scorable.labs.end(),
                                       [&](const core::LabValue& value) {
                                           return !core::validateLabValue(value).ok() ||
                                                  (!labsOk && (value.analyte == core::Analyte::Crp ||
                                                               value.analyte == core::Analyte::Esr));
                                       }),
                        scorable.labs.end());
    if (hasErrorIn(problems, {"menopausal status"}))
        scorable.postmenopausal.reset();

    std::optional<core::VisitScores> scores;
    if (core::validateVisit(m_patient, scorable, today()).ok())
        scores = core::scoreVisit(m_patient, scorable, m_films, m_settings);

    auto set = [this](const char* name, const wxString& value, const wxString& detail,
                      const wxColour& colour = wxNullColour) {
        auto* label = XRCCTRL(*this, (std::string("score_") + name).c_str(), wxStaticText);
        // The ASDAS state's band colour of the charts, behind the value.
        label->SetBackgroundColour(colour.IsOk() ? colour : GetBackgroundColour());
        label->SetLabel(colour.IsOk() ? " " + value + " " : value);
        auto* detailLabel = XRCCTRL(*this, (std::string("score_") + name + "_detail").c_str(), wxStaticText);
        // At most three lines, so a long "not computable: ..." list cannot push the form out of
        // view; the whole text is the tooltip.
        detailLabel->SetLabel(detail);
        wrapLabel(detailLabel, FromDIP(180));
        wxArrayString lines = wxSplit(detailLabel->GetLabel(), '\n', '\0');
        if (lines.size() > 3) {
            lines.resize(3);
            lines[2] += wxString::FromUTF8("\xe2\x80\xa6");
            detailLabel->SetLabel(wxJoin(lines, '\n', '\0'));
        }
        detailLabel->SetToolTip(detail);
    };
    const wxString correct = _("correct the entries marked in red");
    if (!scores) {
        for (const char* name : {"basdai", "asdas_crp", "asdas_esr", "basfi", "basmi", "bmd"})
            set(name, kDash, correct);
        return;
    }
    if (!basdaiOk)
        set("basdai", kDash, correct);
    else if (scores->basdai.value)
        set("basdai", fromUtf8(core::formatBasdai(*scores->basdai.value)),
            scores->basdai.active ? _("active disease") : _("not active"));
    else
        set("basdai", kDash, fromUtf8(scores->basdai.reason));

    auto asdas = [&](const char* name, const core::AsdasResult& result) {
        if (!basdaiOk || !labsOk)
            set(name, kDash, correct);
        else if (result.value && result.state) {
            wxString detail = asdasStateText(*result.state);
            if (!result.note.empty())
                detail += "\n" + fromUtf8(result.note);
            set(name, fromUtf8(core::formatAsdas(*result.value)), detail, asdasStateColour(*result.state));
        } else
            set(name, kDash, fromUtf8(result.reason));
    };
    asdas("asdas_crp", scores->asdasCrp);
    asdas("asdas_esr", scores->asdasEsr);

    if (!basfiOk)
        set("basfi", kDash, correct);
    else if (scores->basfi.value)
        set("basfi", fromUtf8(core::formatFixed(*scores->basfi.value, 1)), wxString());
    else
        set("basfi", kDash, fromUtf8(scores->basfi.reason));

    if (!basmiOk)
        set("basmi", kDash, correct);
    else if (scores->basmi.value)
        set("basmi", fromUtf8(core::formatFixed(*scores->basmi.value, 1)), wxString());
    else
        set("basmi", kDash, fromUtf8(scores->basmi.reason));

    if (!bmdOk)
        set("bmd", kDash, correct);
    else if (!scores->bmd)
        set("bmd", kDash, _("no DXA at this visit"));
    else if (scores->bmd->category) {
        const core::BmdClassification& bmd = *scores->bmd;
        wxString detail;
        if (bmd.basis && bmd.lowestScore && bmd.lowestSite)
            detail = wxString::Format(_("lowest %s %s at %s"), coreText(core::toString(*bmd.basis)),
                                      fromUtf8(core::formatNumber(*bmd.lowestScore)),
                                      bmdSiteText(*bmd.lowestSite));
        if (!bmd.lumbarFlag.empty())
            detail += "\n" + _("lumbar: ") + fromUtf8(bmd.lumbarFlag);
        if (!bmd.note.empty())
            detail += "\n" + fromUtf8(bmd.note);
        set("bmd", bmdCategoryText(*bmd.category), detail);
        // A category is words, not a number: smaller than the scores, on up to two lines.
        auto* category = XRCCTRL(*this, "score_bmd", wxStaticText);
        category->SetFont(GetFont().Bold());
        wrapLabel(category, FromDIP(200));
    } else
        set("bmd", kDash, fromUtf8(scores->bmd->reason));
}

void VisitEditor::fillUnits(LabRow& row, const std::string& unit) {
    const core::Analyte analyte = core::allAnalytes()[std::max(0, row.analyte->GetSelection())];
    row.unit->Clear();
    for (const std::string& accepted : core::acceptedUnits(analyte))
        row.unit->Append(fromUtf8(accepted));
    int index = unit.empty() ? 0 : row.unit->FindString(fromUtf8(unit), true);
    if (index == wxNOT_FOUND)
        index = row.unit->Append(fromUtf8(unit));  // kept as loaded; core names the problem
    row.unit->SetSelection(index);
}

wxWindow* VisitEditor::addLabRow() {
    LabRow row{};
    row.panel = new wxPanel(m_labsPanel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    row.analyte = new wxChoice(row.panel, wxID_ANY);
    for (core::Analyte analyte : core::allAnalytes())
        row.analyte->Append(fromUtf8(core::toString(analyte)));
    // A new row is most often a biomarker: MMP-3 first after CRP and ESR.
    row.analyte->SetSelection(2);
    row.value = new wxTextCtrl(row.panel, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(70, -1)));
    row.value->SetHint(_("value"));
    row.value->SetToolTip(_("Type <0.5 for a value below a detection limit of 0.5"));
    row.unit = new wxChoice(row.panel, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(82, -1)));
    row.assay = new wxTextCtrl(row.panel, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(110, -1)));
    row.assay->SetHint(_("assay / kit"));
    row.sampleType = new wxChoice(row.panel, wxID_ANY);
    row.sampleType->Append(_("sample?"));
    row.sampleType->Append(_("serum"));
    row.sampleType->Append(_("plasma"));
    row.sampleType->SetSelection(0);
    row.remove =
        new wxButton(row.panel, wxID_ANY, _("Remove"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    for (wxWindow* control : {static_cast<wxWindow*>(row.analyte), static_cast<wxWindow*>(row.value),
                              static_cast<wxWindow*>(row.unit), static_cast<wxWindow*>(row.assay),
                              static_cast<wxWindow*>(row.sampleType)})
        sizer->Add(control, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(4));
    sizer->Add(row.remove, 0, wxALIGN_CENTER_VERTICAL);
    row.panel->SetSizer(sizer);
    m_labsPanel->GetSizer()->Add(row.panel, 0, wxBOTTOM, FromDIP(3));
    m_labRows.push_back(row);
    fillUnits(m_labRows.back(), "");

    wxPanel* panel = row.panel;
    row.analyte->Bind(wxEVT_CHOICE, [this, panel](wxCommandEvent& event) {
        for (LabRow& r : m_labRows)
            if (r.panel == panel)
                fillUnits(r, "");
        event.Skip();
    });
    row.remove->Bind(wxEVT_BUTTON, [this, panel](wxCommandEvent&) {
        // Removing changes the layout under the button: do it once the click is over.
        CallAfter([this, panel] { removeLabRow(panel); });
    });
    // The button sits after the rows in the tab order.
    m_addLab->MoveAfterInTabOrder(m_labsPanel);
    if (!m_loading)
        refresh();
    return row.analyte;
}

void VisitEditor::setLabRow(LabRow& row, const core::LabValue& value, std::size_t order) {
    row.original = value;
    row.order = order;
    const auto& analytes = core::allAnalytes();
    row.analyte->SetSelection(
        static_cast<int>(std::find(analytes.begin(), analytes.end(), value.analyte) - analytes.begin()));
    fillUnits(row, value.unit);
    row.value->ChangeValue((value.belowDetectionLimit ? "<" : "") + numberText(value.value));
    row.assay->ChangeValue(fromUtf8(value.assay));
    row.sampleType->SetSelection(!value.sampleType ? 0
                                                   : (*value.sampleType == core::SampleType::Serum ? 1 : 2));
}

void VisitEditor::removeLabRow(wxPanel* panel) {
    const auto it = std::find_if(m_labRows.begin(), m_labRows.end(),
                                 [panel](const LabRow& row) { return row.panel == panel; });
    if (it == m_labRows.end())
        return;
    for (wxWindow* control : {static_cast<wxWindow*>(it->value), static_cast<wxWindow*>(it->unit)})
        m_marker.remove(control);
    m_labRows.erase(it);
    panel->Destroy();
    m_modified = true;
    m_addLab->SetFocus();
    refresh();
}

void VisitEditor::registerLabRows() {
    // Rows may change analyte at any time: register their field names afresh before each check.
    for (const LabRow& row : m_labRows) {
        m_marker.remove(row.value);
        m_marker.remove(row.unit);
    }
    for (const LabRow& row : m_labRows) {
        const std::string name =
            core::toString(core::allAnalytes()[std::max(0, row.analyte->GetSelection())]);
        m_marker.add(row.value, name, m_labsLine);
        m_marker.add(row.value, name + " detection limit", m_labsLine);
        m_marker.add(row.unit, name + " unit", m_labsLine);
    }
}

bool VisitEditor::TransferFrom(core::Visit& visit) {
    registerLabRows();
    core::Validation problems;
    core::Visit result = readForm(problems);
    if (!result.date.is_special())
        problems.append(core::validateVisit(m_patient, result, today()));
    wxWindow* first = m_marker.show(problems.problems(), m_summary);
    m_problems = problems.problems();
    fitSummary();
    m_form->FitInside();
    Layout();
    if (problems.hasErrors()) {
        if (first) {
            first->SetFocus();
        }
        return false;
    }
    visit = result;
    return true;
}

bool VisitEditor::trySave() {
    core::Visit visit;
    if (!TransferFrom(visit)) {
        // Every error listed here too: with several, the marked sections may lie out of view.
        wxString list;
        std::size_t errors = 0;
        for (const core::Problem& problem : m_problems)
            if (problem.severity == core::Severity::Error) {
                list += wxString::FromUTF8("\n\u2022 ") + fromUtf8(problem.message());
                ++errors;
            }
        setMessageLine(m_summary,
                       wxString::Format(wxPLURAL("Not saved: correct the entry marked in red:",
                                                 "Not saved: correct the %zu entries marked in red:", errors),
                                        errors) +
                           list,
                       900);
        fitSummary();
        return false;
    }
    const core::Validation check = core::validateVisit(m_patient, visit, today());
    bool confirmed = false;
    if (check.hasWarnings()) {
        if (!confirmUnusualValues(this, check.warnings())) {
            setMessageLine(m_summary, _("Not saved: check the values marked in amber."), 900);
            fitSummary();
            return false;
        }
        confirmed = true;
    }
    if (!saveOrShowRefusal(this, m_summary, 900, [&] { m_save(visit, confirmed); })) {
        fitSummary();
        return false;
    }
    m_saved = visit;
    m_warningsConfirmed = confirmed;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

void VisitEditor::fitSummary() {
    constexpr int kSummaryHeight = 110;  // DIPs: about six lines
    const int height = m_summary->IsShown() ? m_summary->GetBestSize().y : 0;
    m_summaryArea->SetMinSize(wxSize(-1, std::min(height, FromDIP(kSummaryHeight))));
    m_summaryArea->FitInside();
    Layout();
}

bool VisitEditor::tryCancel() {
    return cancelEditing(this, m_modified, _("This visit has unsaved changes. Discard them?"),
                         _("&Keep editing"));
}

bool editVisit(wxWindow* parent, const core::Patient& patient, const std::vector<core::Film>& films,
               const core::Settings& settings, core::Visit& visit, const SaveVisit& save,
               const std::vector<core::Visit>& patientVisits) {
    VisitEditor dialog(parent, patient, films, settings, save, patientVisits);
    dialog.SetTitle(visit.date.is_special() ? _("New visit") : _("Edit visit"));
    dialog.TransferTo(visit);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    visit = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
