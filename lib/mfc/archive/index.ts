// Front door of the archive layer (CArchive, CFile, CObject, collections); filled in by its issue.
export {};
