#pragma once
/// The parts the reading dialogs share (film scoring, CTSS scoring): the reasons a site or quadrant
/// is not assessable and the keys that pick them, the reader box of registered readers, and the
/// blinding of the reader's previous grades (seeing them records the reading as done knowing the
/// order of the images).

#include <wx/string.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/patient.h"
#include "core/validation.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxComboBox;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// The reasons in the order of the reason choice and of the keys 1-4 (docs/methods.md 1.2).
const std::array<core::NotAssessableReason, 4>& notAssessableReasons();
/// Position of reason in notAssessableReasons().
int reasonIndex(core::NotAssessableReason reason);
/// Fills choice with the reasons (reasonText), the first selected.
void fillReasonChoice(wxChoice* choice);
/// The reason a key picks while "not assessable" waits for one: 1-4, or Enter for the first.
std::optional<core::NotAssessableReason> reasonForKey(int keyCode, wxChar unicodeKey);
/// What the current cell's line says while a reason is awaited.
wxString reasonPrompt();

/// Offers the registered readers in box (type-ahead and the list) and shows addButton only when a
/// new reader may be registered.
void setUpReaderBox(wxComboBox* box, wxButton* addButton, const std::vector<std::string>& readers,
                    bool canAddReader);
/// The registered reader box names (matched without regard to case), shown with the registered
/// spelling; adds a problem naming "reader" to problems and returns empty when there is none.
std::string checkedReader(wxComboBox* box, const std::vector<std::string>& readers,
                          core::Validation& problems);

/// Records that the previous grades were seen: once seen, chronology is ticked and locked for the
/// session, with seenTip as its tooltip (else unseenTip). True when this ticked it.
bool lockChronologyOnceSeen(wxCheckBox* chronology, bool seen, const wxString& seenTip,
                            const wxString& unseenTip);

/// The reader, reading date and "knew the order" box at the top of a reading dialog.
struct ReadingHeaderFields {
    wxComboBox* reader;
    wxTextCtrl* readingDate;
    wxCheckBox* chronology;
    wxStaticText* topLine;  ///< where the problems are shown
};

struct ReadingHeader {
    std::string reader;  ///< as registered
    std::optional<core::Date> readingDate;
    bool chronologyKnown = false;
};

/// The header as typed: a registered reader and a reading date not in the future nor before birth.
/// Shows every problem on topLine (cleared when none) and focuses the field to fix; nullopt then.
/// birthShown false (a session that hides the patient's identity): the message of a date before birth
/// does not name the birth date.
std::optional<ReadingHeader> readReadingHeader(const ReadingHeaderFields& fields,
                                               const std::vector<std::string>& readers,
                                               std::optional<core::Date> birth, int wrapWidth,
                                               bool birthShown = true);

}  // namespace ankylos::ui
