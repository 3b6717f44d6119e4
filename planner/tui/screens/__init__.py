"""The screens: Today, Week, History, Races, Import, Profile, onboarding, and the dialogs."""
