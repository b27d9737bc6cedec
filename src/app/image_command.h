#pragma once
/// `ankylos-cli image attach DB --patient ID --film YYYY-MM-DD FILE [--confirm-mismatch REASON]`,
/// `ankylos-cli image list DB --patient ID [--json]` and
/// `ankylos-cli image remove DB --id N --reason TEXT`: the images of a patient's films (DICOM, PNG,
/// JPEG, TIFF) stored in the database, each import and removal audited (storage/film_image_repository.h).

namespace CLI {
class App;
}

namespace ankylos::app {

void addImageCommand(CLI::App& app);

}  // namespace ankylos::app
