#include "ui/save_target.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>

#include "ui/editor_fields.h"

namespace ankylos::ui {

namespace fs = std::filesystem;

files::OutputPolicy confirmedSavePolicy(const fs::path& database) {
    files::OutputPolicy policy;
    policy.option = toUtf8(_("file"));
    policy.database = database;
    policy.overwrite = true;
    return policy;
}

wxString saveRefusal(const fs::path& file, const fs::path& database) {
    const std::optional<files::Refusal> refusal = files::findRefusal(file, confirmedSavePolicy(database));
    if (!refusal)
        return {};
    const wxString name = fromUtf8(file.string());
    switch (*refusal) {
        case files::Refusal::Directory:
            return wxString::Format(_("%s is a folder; choose a file name."), name);
        case files::Refusal::OpenDatabase:
            return wxString::Format(
                _("%s is the open database %s or one of its companion files: saving there "
                  "would destroy the clinic's records. Choose another file name."),
                name, fromUtf8(database.string()));
        case files::Refusal::SqliteDatabase:
            return wxString::Format(_("%s is a database (an SQLite file, perhaps a backup): Ankylos never "
                                      "replaces a database with a saved file. Choose another file name."),
                                    name);
        case files::Refusal::Exists:
            break;  // allowed with confirmedSavePolicy: the caller asks first
    }
    return {};
}

bool confirmSaveTargets(wxWindow* parent, const std::vector<fs::path>& files, const fs::path& database,
                        const fs::path& asked) {
    wxString existing;
    for (const fs::path& file : files) {
        const wxString refused = saveRefusal(file, database);
        if (!refused.empty()) {
            wxMessageBox(refused, _("Not saved"), wxOK | wxICON_ERROR, parent);
            return false;
        }
        std::error_code ignored;
        if (file != asked && fs::exists(fs::symlink_status(file, ignored)))
            existing += "\n" + fromUtf8(file.string());
    }
    return existing.empty() ||
           wxMessageBox(_("These files exist already and will be replaced:") + existing, _("Replace files?"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, parent) == wxYES;
}

}  // namespace ankylos::ui
