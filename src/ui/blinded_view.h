#pragma once
/// What a reader of a reading session may see (docs/methods.md 11), in one place for the worklist and
/// film scoring: the patient's identity (name, clinic ID, birth date) only when the session does not
/// hide it; film dates only when, besides, the films' order is known (a date tells the order); the
/// reader's previous film (grades and image) only when the order is known. A clinic reading, outside
/// sessions, sees everything.

#include <wx/string.h>

#include <map>
#include <string>

#include "core/patient.h"
#include "core/reading_session.h"

namespace ankylos::ui {

struct BlindedView {
    bool identityShown = true;
    bool datesShown = true;
    bool previousFilmOffered = true;
    /// Each film's code in the session ("S1-007"), by date: how a film is named when dates are hidden.
    std::map<core::Date, std::string> filmCodes;

    /// The view of a session's readers.
    static BlindedView of(const core::SessionBlinding& blinding);
    /// "2021-03-04" when dates are shown, else the film's code ("S1-007"; "a film of the session" when
    /// it has none).
    wxString filmName(core::Date date) const;
};

}  // namespace ankylos::ui
