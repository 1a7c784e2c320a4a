"""Tests of the built handbook: links and anchors (pure Python), and in Chromium from file://."""
