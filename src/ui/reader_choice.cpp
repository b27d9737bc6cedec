#include "ui/reader_choice.h"

#include <wx/combobox.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include "core/error.h"
#include "core/format.h"
#include "ui/editor_fields.h"

namespace ankylos::ui {

std::string foldedReaderName(const wxString& text) {
    return core::foldCase(toUtf8(text.Strip(wxString::both)));
}

std::string registeredReaderIn(const wxComboBox* box, const std::vector<std::string>& readers) {
    const std::string typed = foldedReaderName(box->GetValue());
    for (const std::string& name : readers)
        if (!typed.empty() && core::foldCase(name) == typed)
            return name;
    return std::string();
}

bool addReaderTo(wxWindow* parent, std::vector<std::string>& readers, wxComboBox* box,
                 const RegisterReader& registerReader, wxStaticText* messageLine, int wrapWidth) {
    const wxString names = readers.empty() ? _("none yet") : fromUtf8(core::joinNames(readers));
    wxTextEntryDialog ask(
        parent, wxString::Format(_("Registered readers: %s\n\nName of the new reader:"), names),
        _("Add reader"), registeredReaderIn(box, readers).empty() ? box->GetValue() : wxString());
    if (ask.ShowModal() != wxID_OK)
        return false;
    const wxString name = ask.GetValue().Strip(wxString::both);
    if (name.empty())
        return false;
    for (const std::string& existing : readers)
        if (core::foldCase(existing) == foldedReaderName(name)) {
            wxMessageBox(
                wxString::Format(_("\"%s\" is registered already as \"%s\" (names are matched without "
                                   "regard to case): that reader is chosen."),
                                 name, fromUtf8(existing)),
                _("Add reader"), wxOK | wxICON_INFORMATION, parent);
            box->SetValue(fromUtf8(existing));
            return false;
        }
    wxMessageDialog confirm(
        parent,
        wxString::Format(_("Register \"%s\" as a new reader?\n\nRegistered readers: %s\n\n"
                           "One person registered under two names counts as two "
                           "readers when readers must agree on an event."),
                         name, names),
        _("Add reader"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    confirm.SetYesNoLabels(_("&Register"), _("&Go back"));
    if (confirm.ShowModal() != wxID_YES)
        return false;
    std::string registered;
    try {
        registered = registerReader(toUtf8(name));
    } catch (const Error& refusal) {
        setMessageLine(messageLine, fromUtf8(refusal.what()), wrapWidth);
        return false;
    }
    setMessageLine(messageLine, wxString(), wrapWidth);
    readers.push_back(registered);
    box->Append(fromUtf8(registered));
    wxArrayString all;
    for (const std::string& reader : readers)
        all.Add(fromUtf8(reader));
    box->AutoComplete(all);
    box->SetValue(fromUtf8(registered));
    return true;
}

}  // namespace ankylos::ui
