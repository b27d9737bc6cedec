#include "ui/display.h"

#include <wx/intl.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "core/format.h"

namespace ankylos::ui {

wxString dateText(core::Date date) {
    return fromUtf8(core::toIsoString(date));
}

wxString fixedText(const std::optional<double>& value, int decimals) {
    return value ? fromUtf8(core::formatFixed(*value, decimals)) : wxString();
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

core::Date today() {
    return boost::gregorian::day_clock::local_day();  // as storage::localToday()
}

}  // namespace ankylos::ui
