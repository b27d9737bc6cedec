#include "ui/blinded_view.h"

#include <wx/intl.h>

#include "ui/display.h"

namespace ankylos::ui {

BlindedView BlindedView::of(const core::SessionBlinding& blinding) {
    BlindedView view;
    view.identityShown = !blinding.identityHidden;
    view.datesShown = blinding.datesShown();
    view.previousFilmOffered = blinding.chronologyKnown();
    return view;
}

wxString BlindedView::filmName(core::Date date) const {
    if (datesShown)
        return dateText(date);
    const auto code = filmCodes.find(date);
    return code == filmCodes.end() ? _("a film of the session") : fromUtf8(code->second);
}

}  // namespace ankylos::ui
