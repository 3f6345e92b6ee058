"""amplify-schema-translator: compile AWS Amplify data models into the ``genericDataSchema``
of the AmplifyUIBuilder ``StartCodegenJob`` API, exactly as Amplify's own pipeline does.

The compile API is imported eagerly; the submit API (request building, boto3 client, job
polling, download) and the diagram API are imported on first use, so compiling never loads
them or boto3.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from translator.api import compile_path, compile_paths, compile_source, load_document
from translator.check import CheckResult, check_paths
from translator.core.diagnostics import CompilationError, Diagnostic, SourceError, Span
from translator.emit.generic import GenericDataSchema

__version__ = "0.1.0"

_LAZY = {
    "translator.codegen.request": (
        "CodegenOptions", "GraphQLPaths", "build_request", "client_token_for", "check_app_id",
        "read_package_dependencies", "project_dependencies", "amplify_dependencies",
        "missing_dependencies", "default_api",
    ),
    "translator.codegen.defaults": ("request_defaults", "RequestDefaults"),
    "translator.codegen.client": (
        "make_client", "start_job", "start_fresh_job", "get_job", "list_jobs", "wait_for_job", "component_errors",
        "job_failure",
    ),
    "translator.codegen.download": ("download_job", "download_manifest", "DownloadReport", "FileResult"),
    "translator.migrate": ("SchemaMigration", "compile_migrated", "migrate_paths", "write_migrations"),
    "translator.overview": ("diagram_paths", "report_paths", "load_overview", "SchemaOverview"),
    "translator.codegen.errors": (
        "SubmitError", "RequestError", "AwsError", "JobFailedError", "JobTimeoutError", "DownloadError",
        "DownloadInterrupted",
    ),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'translator' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "CheckResult",
    "CompilationError",
    "Diagnostic",
    "GenericDataSchema",
    "SourceError",
    "Span",
    "check_paths",
    "compile_path",
    "compile_paths",
    "compile_source",
    "load_document",
    *_LAZY_NAMES,
]
