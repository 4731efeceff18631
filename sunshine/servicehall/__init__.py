"""办事服务: service catalog (一门式一网式), online applications, 电子监察."""
