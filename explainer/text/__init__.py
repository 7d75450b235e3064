"""Markdown and text: conversion, sanitising, the typographer, pull quotes and figures."""
