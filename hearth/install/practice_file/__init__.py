"""The practice file (TOML): one module per section (practice, practitioners, services,
workshops) that reads, writes and stores its entries; `load_practice` stores a whole file in
one transaction and `dump_practice` writes what is stored, in the same format."""

from .base import PracticeFileError
from .document import PracticeFile, parse_practice_file, write_practice_file
from .dump import dump_practice, practice_document
from .load import LoadReport, load_practice

__all__ = [
    "LoadReport",
    "PracticeFile",
    "PracticeFileError",
    "dump_practice",
    "load_practice",
    "parse_practice_file",
    "practice_document",
    "write_practice_file",
]
