"""The FIT profile's words for file types and sports (Garmin's FIT SDK, Profile 21.218).

Copied from the SDK's `file` and `sport` enums so a file's numbers can be named in a
summary. A number a newer device writes and this table lacks is named by its number.
"""

from __future__ import annotations

# file_id.type: what the file is. Only an activity holds something the runner did.
FILE_TYPES = {
    1: "device", 2: "settings", 3: "sport", 4: "activity", 5: "workout", 6: "course",
    7: "schedules", 9: "weight", 10: "totals", 11: "goals", 14: "blood_pressure",
    15: "monitoring_a", 20: "activity_summary", 28: "monitoring_daily", 32: "monitoring_b",
    34: "segment", 35: "segment_list", 40: "exd_configuration",
}  # fmt: skip
# An activity summary is an activity with its records left out: its sessions are real ones.
ACTIVITY_FILE_TYPES = frozenset({4, 20})

# session.sport and sport.sport, the whole enum ("all" is for goals only and never a session).
SPORTS = {
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 6: "basketball", 7: "soccer", 8: "tennis", 9: "american_football",
    10: "training", 11: "walking", 12: "cross_country_skiing", 13: "alpine_skiing",
    14: "snowboarding", 15: "rowing", 16: "mountaineering", 17: "hiking", 18: "multisport",
    19: "paddling", 20: "flying", 21: "e_biking", 22: "motorcycling", 23: "boating",
    24: "driving", 25: "golf", 26: "hang_gliding", 27: "horseback_riding", 28: "hunting",
    29: "fishing", 30: "inline_skating", 31: "rock_climbing", 32: "sailing", 33: "ice_skating",
    34: "sky_diving", 35: "snowshoeing", 36: "snowmobiling", 37: "stand_up_paddleboarding",
    38: "surfing", 39: "wakeboarding", 40: "water_skiing", 41: "kayaking", 42: "rafting",
    43: "windsurfing", 44: "kitesurfing", 45: "tactical", 46: "jumpmaster", 47: "boxing",
    48: "floor_climbing", 49: "baseball", 53: "diving", 56: "shooting", 58: "winter_sport",
    59: "grinding", 62: "hiit", 63: "video_gaming", 64: "racket", 65: "wheelchair_push_walk",
    66: "wheelchair_push_run", 67: "meditation", 68: "para_sport", 69: "disc_golf",
    70: "team_sport", 71: "cricket", 72: "rugby", 73: "hockey", 74: "lacrosse",
    75: "volleyball", 76: "water_tubing", 77: "wakesurfing", 78: "water_sport", 79: "archery",
    80: "mixed_martial_arts", 81: "motor_sports", 82: "snorkeling", 83: "dance",
    84: "jump_rope", 85: "pool_apnea", 86: "mobility", 87: "geocaching", 88: "canoeing",
}  # fmt: skip
FITNESS_EQUIPMENT = 4
# sub_sport 1 is "treadmill" under fitness equipment as under running: a treadmill linked as
# gym equipment may carry a walk or a run, so its pace decides (as for a file with no sport).
TREADMILL_SUB_SPORTS = frozenset({1})


def not_an_activity(code: int) -> str:
    """Why a file of this type gives no run: "course file, not an activity"."""
    name = FILE_TYPES.get(code)
    what = f"{name.replace('_', ' ')} file" if name else f"a file of type {code}"
    return f"{what}, not an activity"


def sport_name(code: int) -> str:
    return SPORTS.get(code, f"sport {code}")
