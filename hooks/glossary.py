"""Glossary hook: placeholder until the glossary package lands (issue 5)."""
