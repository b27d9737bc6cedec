#include "ui/record_edits.h"

#include <wx/msgdlg.h>

#include "core/error.h"
#include "storage/audit.h"
#include "storage/errors.h"
#include "ui/editor_fields.h"
#include "ui/reason_dialog.h"

namespace ankylos::ui {

void saveAgainst(storage::Database& db, std::int64_t& opened, const std::function<void(std::int64_t)>& save) {
    try {
        save(opened);
    } catch (const storage::ChangedSinceOpened&) {
        opened = storage::auditVersion(db);
        throw;
    }
}

std::string requireReason(wxWindow* parent, const wxString& what, const wxString& note) {
    const auto reason = askReason(parent, what, note);
    if (!reason)
        throw Error(toUtf8(_("Not saved: a change to saved data needs a reason.")));
    return *reason;
}

void showError(wxWindow* parent, const std::exception& e) {
    wxMessageBox(fromUtf8(e.what()), _("Ankylos"), wxOK | wxICON_ERROR, parent);
}

}  // namespace ankylos::ui
