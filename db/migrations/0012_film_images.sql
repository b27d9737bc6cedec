-- Ankylos schema, version 12: the images of a film (docs/images.md). Each row is one file as it was
-- imported, its bytes in the database itself, so that a backup, a copy or the clinic's server carries
-- the images with the scores read from them. A film may have several images (a lateral cervical and a
-- lateral lumbar view, a re-take); deleting the film deletes its images.
--
-- The identity a DICOM file carries (dicom_*; NULL for PNG, JPEG and TIFF, which carry none) is kept
-- as read, and compared with the film's patient and date on import: when they differ, the image is
-- stored only if the user confirms it, and identity_mismatch says what differed and
-- confirmation_reason why the user attached it anyway. The audit row of the import records the same
-- metadata and the reason, never the bytes; content_sha256 ties the audited row to its bytes, which
-- `ankylos-cli check` verifies. Images are stored, listed and removed, never changed.

CREATE TABLE film_image (
    id                      INTEGER PRIMARY KEY,
    film_id                 INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE,
    format                  TEXT NOT NULL CHECK (format IN ('dicom', 'png', 'jpeg', 'tiff')),
    file_name               TEXT NOT NULL CHECK (length(file_name) > 0),
    content                 BLOB NOT NULL CHECK (length(content) > 0),
    byte_count              INTEGER NOT NULL CHECK (byte_count = length(content)),
    content_sha256          TEXT NOT NULL CHECK (length(content_sha256) = 64),
    width                   INTEGER NOT NULL CHECK (width > 0),
    height                  INTEGER NOT NULL CHECK (height > 0),
    dicom_patient_id        TEXT CHECK ((dicom_patient_id IS NULL) = (format <> 'dicom')),
    dicom_patient_name      TEXT CHECK ((dicom_patient_name IS NULL) = (format <> 'dicom')),
    dicom_study_date        TEXT CHECK ((dicom_study_date IS NULL) = (format <> 'dicom')),
    dicom_acquisition_date  TEXT CHECK ((dicom_acquisition_date IS NULL) = (format <> 'dicom')),
    dicom_content_date      TEXT CHECK ((dicom_content_date IS NULL) = (format <> 'dicom')),
    dicom_modality          TEXT CHECK ((dicom_modality IS NULL) = (format <> 'dicom')),
    dicom_body_part         TEXT CHECK ((dicom_body_part IS NULL) = (format <> 'dicom')),
    imported_at             TEXT NOT NULL CHECK (length(imported_at) > 0),
    imported_by             TEXT NOT NULL CHECK (length(imported_by) > 0),
    identity_mismatch       TEXT CHECK (identity_mismatch IS NULL OR (length(identity_mismatch) > 0 AND format = 'dicom')),
    confirmation_reason     TEXT CHECK ((confirmation_reason IS NULL) = (identity_mismatch IS NULL) AND
                                        (confirmation_reason IS NULL OR length(trim(confirmation_reason)) > 0))
);
CREATE INDEX film_image_film ON film_image (film_id);
