#include "ui/display.h"

#include <wx/choice.h>
#include <wx/intl.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "core/format.h"
#include "storage/server_location.h"

namespace ankylos::ui {

wxString dateText(core::Date date) {
    return fromUtf8(core::toIsoString(date));
}

wxString coreText(const std::string& label) {
    return wxGetTranslation(fromUtf8(label));
}

wxString fixedText(const std::optional<double>& value, int decimals) {
    return value ? fromUtf8(core::formatFixed(*value, decimals)) : wxString();
}

wxString bmdSiteText(core::BmdSite site) {
    switch (site) {
        case core::BmdSite::LumbarSpine:
            return _("lumbar spine");
        case core::BmdSite::FemoralNeck:
            return _("femoral neck");
        case core::BmdSite::TotalHip:
            return _("total hip");
        case core::BmdSite::Radius33:
            return _("1/3 radius");
    }
    return wxString();
}

wxString sexText(core::Sex sex) {
    return sex == core::Sex::Male ? _("M") : _("F");
}

wxString hlaB27Text(core::HlaB27 status) {
    switch (status) {
        case core::HlaB27::Positive:
            return _("positive");
        case core::HlaB27::Negative:
            return _("negative");
        case core::HlaB27::Unknown:
            break;
    }
    return _("unknown");
}

wxColour screenColour(const report::Colour& colour) {
    const auto channel = [](double value) { return static_cast<unsigned char>(value * 255.0 + 0.5); };
    return wxColour(channel(colour.r), channel(colour.g), channel(colour.b));
}

wxString databaseDisplayName(const std::filesystem::path& location) {
    const std::optional<storage::ServerLocation> server = storage::parseServerLocation(location.string());
    if (!server)
        return fromUtf8(location.string());
    // libpq's default database is the user's name.
    return wxString::Format(_("%s on %s"),
                            fromUtf8(server->database.empty() ? server->user : server->database),
                            fromUtf8(server->host));
}

core::Date today() {
    return boost::gregorian::day_clock::local_day();  // as storage::localToday()
}

void fillSexFilter(wxChoice* choice) {
    choice->Append(_("Any"));
    choice->Append(_("Men"));
    choice->Append(_("Women"));
    choice->SetSelection(0);
}

void fillHlaB27Filter(wxChoice* choice) {
    choice->Append(_("Any"));
    choice->Append(_("Positive"));
    choice->Append(_("Negative"));
    choice->SetSelection(0);
}

void fillProgressorFilter(wxChoice* choice, const wxString& nonProgressors) {
    choice->Append(_("Any"));
    choice->Append(_("Progressors"));
    choice->Append(nonProgressors);
    choice->SetSelection(0);
}

std::optional<core::Sex> sexFilter(const wxChoice* choice) {
    switch (choice->GetSelection()) {
        case 1:
            return core::Sex::Male;
        case 2:
            return core::Sex::Female;
        default:
            return std::nullopt;
    }
}

std::optional<core::HlaB27> hlaB27Filter(const wxChoice* choice) {
    switch (choice->GetSelection()) {
        case 1:
            return core::HlaB27::Positive;
        case 2:
            return core::HlaB27::Negative;
        default:
            return std::nullopt;
    }
}

std::optional<bool> progressorFilter(const wxChoice* choice) {
    switch (choice->GetSelection()) {
        case 1:
            return true;
        case 2:
            return false;
        default:
            return std::nullopt;
    }
}

}  // namespace ankylos::ui
